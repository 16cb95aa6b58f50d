<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name></name>
    <message>
        <source>&amp;New submission</source>
        <translation>&amp;Nouvelle soumission</translation>
    </message>
    <message>
        <source>Take every file out of the list to start another submission</source>
        <translation>Retirer tous les fichiers de la liste pour commencer une autre soumission</translation>
    </message>
    <message>
        <source>&amp;Add files…</source>
        <translation>&amp;Ajouter des fichiers…</translation>
    </message>
    <message>
        <source>Add data files to the submission</source>
        <translation>Ajouter des fichiers de données à la soumission</translation>
    </message>
    <message>
        <source>Add &amp;folder…</source>
        <translation>Ajouter un &amp;dossier…</translation>
    </message>
    <message>
        <source>Add every data file of a folder</source>
        <translation>Ajouter tous les fichiers de données d&apos;un dossier</translation>
    </message>
    <message>
        <source>&amp;Remove file</source>
        <translation>&amp;Retirer le fichier</translation>
    </message>
    <message>
        <source>Take the selected file out of the submission</source>
        <translation>Retirer de la soumission le fichier sélectionné</translation>
    </message>
    <message>
        <source>Remove &amp;all files</source>
        <translation>Retirer &amp;tous les fichiers</translation>
    </message>
    <message>
        <source>Take every file out of the submission</source>
        <translation>Retirer tous les fichiers de la soumission</translation>
    </message>
    <message>
        <source>&amp;Check all</source>
        <translation>&amp;Tout vérifier</translation>
    </message>
    <message>
        <source>Check every file</source>
        <translation>Vérifier tous les fichiers</translation>
    </message>
    <message>
        <source>Check &amp;this file</source>
        <translation>Vérifier &amp;ce fichier</translation>
    </message>
    <message>
        <source>Check the selected file again</source>
        <translation>Vérifier de nouveau le fichier sélectionné</translation>
    </message>
    <message>
        <source>&amp;Stop checking</source>
        <translation>A&amp;rrêter la vérification</translation>
    </message>
    <message>
        <source>Stop the check that is running</source>
        <translation>Arrêter la vérification en cours</translation>
    </message>
    <message>
        <source>Save &amp;report…</source>
        <translation>Enregistrer le ra&amp;pport…</translation>
    </message>
    <message>
        <source>Save the results as a report that opens in any web browser: the full one, or one you can share</source>
        <translation>Enregistrer les résultats dans un rapport qui s&apos;ouvre dans tout navigateur Web : le rapport complet, ou un rapport que vous pouvez partager</translation>
    </message>
    <message>
        <source>Save precheck re&amp;ceipt…</source>
        <translation>Enregistrer le &amp;reçu de prévérification…</translation>
    </message>
    <message>
        <source>Save the receipt to attach to the upload: each file&apos;s fingerprint, size, table type and verdict</source>
        <translation>Enregistrer le reçu à joindre au téléversement : l&apos;empreinte, la taille, le type de table et le verdict de chaque fichier</translation>
    </message>
    <message>
        <source>Export all problem &amp;rows…</source>
        <translation>Exporter toutes les &amp;lignes en cause…</translation>
    </message>
    <message>
        <source>Save every row of the selected file that a finding is about, with the rules it breaks, as CSV</source>
        <translation>Enregistrer en CSV chaque ligne du fichier sélectionné visée par un constat, avec les règles qu&apos;elle enfreint</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;Historique…</translation>
    </message>
    <message>
        <source>Earlier checks: reopen their reports, see what changed, delete them</source>
        <translation>Vérifications antérieures : rouvrir leurs rapports, voir ce qui a changé, les supprimer</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>Para&amp;mètres…</translation>
    </message>
    <message>
        <source>Cohort, language, when temporary copies are wiped, memory and threads</source>
        <translation>Cohorte, langue, effacement des copies temporaires, mémoire et fils d’exécution</translation>
    </message>
    <message>
        <source>&amp;Wipe temporary copies now</source>
        <translation>&amp;Effacer les copies temporaires maintenant</translation>
    </message>
    <message>
        <source>Delete the temporary copies of your files that no running check needs</source>
        <translation>Supprimer les copies temporaires de vos fichiers dont aucune vérification en cours n&apos;a besoin</translation>
    </message>
    <message>
        <source>&amp;Audit of patient data…</source>
        <translation>&amp;Audit des données de patients…</translation>
    </message>
    <message>
        <source>What holds patient data from this app on this computer now, and every copy it made and wiped</source>
        <translation>Ce qui contient maintenant des données de patients de cette application sur cet ordinateur, et chaque copie qu&apos;elle a faite et effacée</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;À propos</translation>
    </message>
    <message>
        <source>&amp;Rules…</source>
        <translation>&amp;Règles…</translation>
    </message>
    <message>
        <source>Every table, column and rule of the definitions, in plain words</source>
        <translation>Chaque table, colonne et règle des définitions, en termes simples</translation>
    </message>
    <message>
        <source>Open the &amp;log folder</source>
        <translation>Ouvrir le dossier du &amp;journal</translation>
    </message>
    <message>
        <source>Show the app&apos;s log files, to send them to the NA-ACCORD help desk</source>
        <translation>Afficher les fichiers journaux de l&apos;application, pour les envoyer au service d&apos;assistance de NA-ACCORD</translation>
    </message>
    <message>
        <source>The run history could not be opened in this session.</source>
        <translation>L&apos;historique des vérifications n&apos;a pas pu être ouvert pendant cette session.</translation>
    </message>
    <message>
        <source>The audit is kept with the run history, which could not be opened.</source>
        <translation>L&apos;audit est conservé avec l&apos;historique des vérifications, qui n&apos;a pas pu être ouvert.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>Recent &amp;submissions</source>
        <translation>&amp;Soumissions récentes</translation>
    </message>
    <message>
        <source>&amp;Privacy</source>
        <translation>&amp;Confidentialité</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Un problème est survenu</translation>
    </message>
    <message>
        <source>The app hit a problem it did not expect. Your files were not changed. If it happens again, send the log file to the NA-ACCORD help desk.</source>
        <translation>L&apos;application a rencontré un problème inattendu. Vos fichiers n&apos;ont pas été modifiés. Si cela se reproduit, envoyez le fichier journal au service d&apos;assistance de NA-ACCORD.</translation>
    </message>
    <message>
        <source>Some parts of the app are not available</source>
        <translation>Certaines parties de l&apos;application ne sont pas disponibles</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Check your submission before you upload it&lt;/h2&gt;&lt;p&gt;Drag the files of your submission into the list on the left, or use &lt;b&gt;Add files&lt;/b&gt; (Ctrl+O) or &lt;b&gt;Add folder&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Check that each file has the right table type, then press &lt;b&gt;Check all&lt;/b&gt;. Your files stay on this computer and are never changed.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Vérifiez votre soumission avant de la téléverser&lt;/h2&gt;&lt;p&gt;Glissez les fichiers de votre soumission dans la liste de gauche, ou utilisez &lt;b&gt;Ajouter des fichiers&lt;/b&gt; (Ctrl+O) ou &lt;b&gt;Ajouter un dossier&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Vérifiez que chaque fichier a le bon type de table, puis appuyez sur &lt;b&gt;Tout vérifier&lt;/b&gt;. Vos fichiers restent sur cet ordinateur et ne sont jamais modifiés.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>NA-ACCORD Desktop Precheck</source>
        <translation>Prévérification NA-ACCORD</translation>
    </message>
    <message>
        <source>Cohort</source>
        <translation>Cohorte</translation>
    </message>
    <message>
        <source>Your cohort: some cohorts use their own names for a few columns</source>
        <translation>Votre cohorte : certaines cohortes donnent leurs propres noms à quelques colonnes</translation>
    </message>
    <message>
        <source>Other (no column renames)</source>
        <translation>Autre (aucune colonne renommée)</translation>
    </message>
    <message>
        <source>&amp;Cohort:</source>
        <translation>&amp;Cohorte :</translation>
    </message>
    <message>
        <source>Definitions {version}</source>
        <translation>Définitions {version}</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>Ajouter des fichiers…</translation>
    </message>
    <message>
        <source>Add files</source>
        <translation>Ajouter des fichiers</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>Ajouter un dossier…</translation>
    </message>
    <message>
        <source>Add folder</source>
        <translation>Ajouter un dossier</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Remove the selected file</source>
        <translation>Retirer le fichier sélectionné</translation>
    </message>
    <message>
        <source>Remove all</source>
        <translation>Tout retirer</translation>
    </message>
    <message>
        <source>Remove all files</source>
        <translation>Retirer tous les fichiers</translation>
    </message>
    <message>
        <source>Check all</source>
        <translation>Tout vérifier</translation>
    </message>
    <message>
        <source>Check all files</source>
        <translation>Vérifier tous les fichiers</translation>
    </message>
    <message>
        <source>&lt;b&gt;Submission&lt;/b&gt;</source>
        <translation>&lt;b&gt;Soumission&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Verdict for the whole submission</source>
        <translation>Verdict pour l&apos;ensemble de la soumission</translation>
    </message>
    <message>
        <source>Check this file</source>
        <translation>Vérifier ce fichier</translation>
    </message>
    <message>
        <source>Stop checking</source>
        <translation>Arrêter la vérification</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>no table type yet</source>
        <translation>pas encore de type de table</translation>
    </message>
    <message>
        <source>Checking… the results appear here when this file is done.</source>
        <translation>Vérification en cours… les résultats apparaîtront ici quand ce fichier sera terminé.</translation>
    </message>
    <message>
        <source>The last check could not finish: these are the results of the check before it.</source>
        <translation>La dernière vérification n&apos;a pas pu se terminer : voici les résultats de la vérification précédente.</translation>
    </message>
    <message>
        <source>Temporary copies on disk: {size}</source>
        <translation>Copies temporaires sur le disque : {size}</translation>
    </message>
    <message>
        <source>No temporary copies on disk</source>
        <translation>Aucune copie temporaire sur le disque</translation>
    </message>
    <message>
        <source>last check {time}</source>
        <translation>dernière vérification à {time}</translation>
    </message>
    <message>
        <source>Temporary copies wiped, except those of the check that is running.</source>
        <translation>Copies temporaires effacées, sauf celles de la vérification en cours.</translation>
    </message>
    <message>
        <source>Some temporary copies could not be wiped yet; the app tries again when it next starts.</source>
        <translation>Certaines copies temporaires n&apos;ont pas encore pu être effacées; l&apos;application réessaiera à son prochain démarrage.</translation>
    </message>
    <message>
        <source>Temporary copies wiped.</source>
        <translation>Copies temporaires effacées.</translation>
    </message>
    <message>
        <source>Another window of the app is checking files: its copies are wiped when it is done.</source>
        <translation>Une autre fenêtre de l&apos;application vérifie des fichiers : ses copies seront effacées quand elle aura terminé.</translation>
    </message>
    <message>
        <source>A check is running</source>
        <translation>Une vérification est en cours</translation>
    </message>
    <message>
        <source>A check is still running. Stop it and close the window?</source>
        <translation>Une vérification est encore en cours. L’arrêter et fermer la fenêtre?</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>Pas encore vérifié</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>Vérification en cours</translation>
    </message>
    <message>
        <source>Check stopped</source>
        <translation>Vérification arrêtée</translation>
    </message>
    <message>
        <source>The check could not finish</source>
        <translation>La vérification n&apos;a pas pu se terminer</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>(not in the allowed list)</source>
        <translation>(absente de la liste permise)</translation>
    </message>
    <message>
        <source>Unix (LF)</source>
        <translation>Unix (LF)</translation>
    </message>
    <message>
        <source>Windows (CR LF)</source>
        <translation>Windows (CR LF)</translation>
    </message>
    <message>
        <source>old Mac (CR)</source>
        <translation>ancien Mac (CR)</translation>
    </message>
    <message>
        <source>mixed</source>
        <translation>mixtes</translation>
    </message>
    <message>
        <source>none (a single line)</source>
        <translation>aucune (une seule ligne)</translation>
    </message>
    <message>
        <source>not UTF-8</source>
        <translation>pas en UTF-8</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>mixed: {counts}</source>
        <translation>mixtes : {counts}</translation>
    </message>
    <message>
        <source>Fast (the whole file read at once)</source>
        <translation>Rapide (tout le fichier lu d&apos;un coup)</translation>
    </message>
    <message>
        <source>Line by line (diagnostic)</source>
        <translation>Ligne par ligne (diagnostic)</translation>
    </message>
    <message>
        <source>{encoding} (read as {read_as})</source>
        <translation>{encoding} (lu comme {read_as})</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Table type</source>
        <translation>Type de table</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Genre</translation>
    </message>
    <message>
        <source>Made by</source>
        <translation>Faite par</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>Faite le</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Emplacement</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Ce qui s’est passé</translation>
    </message>
    <message>
        <source>Nothing on this computer holds patient data from this app right now (as far as it recorded).</source>
        <translation>Rien sur cet ordinateur ne contient de données de patients de cette application en ce moment (d&apos;après ce qu&apos;elle a consigné).</translation>
    </message>
    <message>
        <source>Temporary copies are wiped by the app when their check ends; File ▸ Wipe temporary copies now wipes those a stopped check left behind.</source>
        <translation>Les copies temporaires sont effacées par l&apos;application à la fin de leur vérification; Fichier ▸ Effacer les copies temporaires maintenant efface celles qu&apos;une vérification arrêtée a laissées.</translation>
    </message>
    <message>
        <source>Audit of patient data</source>
        <translation>Audit des données de patients</translation>
    </message>
    <message>
        <source>Copies of patient data on this computer now</source>
        <translation>Copies de données de patients présentes sur cet ordinateur</translation>
    </message>
    <message>
        <source>&amp;Show in folder</source>
        <translation>&amp;Montrer dans le dossier</translation>
    </message>
    <message>
        <source>Show the folder of the selected copy</source>
        <translation>Montrer le dossier de la copie sélectionnée</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>Delete the selected export from this computer</source>
        <translation>Supprimer de cet ordinateur l&apos;exportation sélectionnée</translation>
    </message>
    <message>
        <source>&amp;Look again</source>
        <translation>&amp;Vérifier de nouveau</translation>
    </message>
    <message>
        <source>Look again at every copy on this computer</source>
        <translation>Examiner de nouveau chaque copie sur cet ordinateur</translation>
    </message>
    <message>
        <source>Trail from this day</source>
        <translation>Historique à partir de ce jour</translation>
    </message>
    <message>
        <source>Trail up to this day</source>
        <translation>Historique jusqu&apos;à ce jour</translation>
    </message>
    <message>
        <source>Save as &amp;CSV…</source>
        <translation>Enregistrer en &amp;CSV…</translation>
    </message>
    <message>
        <source>Save the trail shown as a CSV file for a privacy officer</source>
        <translation>Enregistrer l&apos;historique affiché dans un fichier CSV pour un responsable de la protection de la vie privée</translation>
    </message>
    <message>
        <source>&lt;b&gt;Trail&lt;/b&gt;: every copy made and how it ended</source>
        <translation>&lt;b&gt;Historique&lt;/b&gt; : chaque copie faite et ce qu’elle est devenue</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Du :</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Au :</translation>
    </message>
    <message>
        <source>Trail of copies made and wiped</source>
        <translation>Historique des copies faites et effacées</translation>
    </message>
    <message>
        <source>Delete this export?</source>
        <translation>Supprimer cette exportation?</translation>
    </message>
    <message>
        <source>{file} holds patient IDs or values. Delete it from this computer? This cannot be undone.</source>
        <translation>{file} contient des identifiants de patients ou des valeurs. Le supprimer de cet ordinateur? Cette action est irréversible.</translation>
    </message>
    <message>
        <source>{file} could not be deleted: {reason}.</source>
        <translation>{file} n&apos;a pas pu être supprimé : {reason}.</translation>
    </message>
    <message>
        <source>{file} was deleted.</source>
        <translation>{file} a été supprimé.</translation>
    </message>
    <message>
        <source>Nothing was made or wiped between these days.</source>
        <translation>Rien n&apos;a été fait ni effacé entre ces jours.</translation>
    </message>
    <message>
        <source>Save the trail as CSV</source>
        <translation>Enregistrer l&apos;historique en CSV</translation>
    </message>
    <message>
        <source>The trail could not be saved as {file}: {reason}.</source>
        <translation>L&apos;historique n&apos;a pas pu être enregistré sous {file} : {reason}.</translation>
    </message>
    <message>
        <source>Trail saved as {file}.</source>
        <translation>Historique enregistré sous {file}.</translation>
    </message>
    <message>
        <source>{size} ({bytes})</source>
        <translation>{size} ({bytes})</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <source>not computed</source>
        <translation>non calculé</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>Encodage</translation>
    </message>
    <message>
        <source>Byte order mark</source>
        <translation>Indicateur d&apos;ordre des octets (BOM)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Delimiter</source>
        <translation>Délimiteur</translation>
    </message>
    <message>
        <source>Line endings</source>
        <translation>Fins de ligne</translation>
    </message>
    <message>
        <source>How it was read</source>
        <translation>Mode de lecture</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>Time per stage</source>
        <translation>Durée par étape</translation>
    </message>
    <message>
        <source>File facts</source>
        <translation>Caractéristiques du fichier</translation>
    </message>
    <message>
        <source>Check the file to see its details.</source>
        <translation>Vérifiez le fichier pour en voir les détails.</translation>
    </message>
    <message>
        <source>{name}:</source>
        <translation>{name} :</translation>
    </message>
    <message>
        <source>Save every row of this finding, as the file holds it, under the file&apos;s header and after its line number: a CSV file that stays on this computer</source>
        <translation>Enregistrer chaque ligne de ce constat, telle que le fichier la contient, sous l&apos;en-tête du fichier et après son numéro de ligne : un fichier CSV qui reste sur cet ordinateur</translation>
    </message>
    <message>
        <source>This finding is about the file as a whole: it has no rows to export</source>
        <translation>Ce constat porte sur l&apos;ensemble du fichier : il n&apos;a aucune ligne à exporter</translation>
    </message>
    <message>
        <source>Show severity</source>
        <translation>Gravité affichée</translation>
    </message>
    <message>
        <source>All severities</source>
        <translation>Toutes les gravités</translation>
    </message>
    <message>
        <source>Show column</source>
        <translation>Colonne affichée</translation>
    </message>
    <message>
        <source>Search the findings</source>
        <translation>Rechercher dans les constats</translation>
    </message>
    <message>
        <source>Search: rule, column, message or value</source>
        <translation>Rechercher : règle, colonne, message ou valeur</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Constats</translation>
    </message>
    <message>
        <source>Finding details</source>
        <translation>Détails du constat</translation>
    </message>
    <message>
        <source>Acknowledge…</source>
        <translation>Prendre acte…</translation>
    </message>
    <message>
        <source>Mark this finding as known, with a short note that every later check of this table shows; it changes no verdict</source>
        <translation>Marquer ce constat comme connu, avec une courte note que montre chaque vérification ultérieure de cette table; cela ne change aucun verdict</translation>
    </message>
    <message>
        <source>Copy line numbers</source>
        <translation>Copier les numéros de ligne</translation>
    </message>
    <message>
        <source>Copy the line numbers of this finding</source>
        <translation>Copier les numéros de ligne de ce constat</translation>
    </message>
    <message>
        <source>Export these rows…</source>
        <translation>Exporter ces lignes…</translation>
    </message>
    <message>
        <source>Export every row of this finding as CSV</source>
        <translation>Exporter en CSV chaque ligne de ce constat</translation>
    </message>
    <message>
        <source>Export all problem rows…</source>
        <translation>Exporter toutes les lignes en cause…</translation>
    </message>
    <message>
        <source>Export every problem row of this file as CSV</source>
        <translation>Exporter en CSV chaque ligne en cause de ce fichier</translation>
    </message>
    <message>
        <source>Save every row of this file that any finding is about, each once, with the rules it breaks, as a CSV file that stays on this computer</source>
        <translation>Enregistrer chaque ligne de ce fichier visée par un constat, une seule fois, avec les règles qu&apos;elle enfreint, dans un fichier CSV qui reste sur cet ordinateur</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>in</source>
        <translation>dans</translation>
    </message>
    <message>
        <source>all columns</source>
        <translation>toutes les colonnes</translation>
    </message>
    <message>
        <source>(whole file)</source>
        <translation>(fichier entier)</translation>
    </message>
    <message>
        <source>{shown} of {findings}</source>
        <translation>{shown} sur {findings}</translation>
    </message>
    <message>
        <source>Withdraw acknowledgement</source>
        <translation>Retirer la prise d’acte</translation>
    </message>
    <message>
        <source>The history of checks is not available in this session, so acknowledgements cannot be kept.</source>
        <translation>L&apos;historique des vérifications n&apos;est pas disponible pendant cette session; les prises d’acte ne peuvent donc pas être conservées.</translation>
    </message>
    <message>
        <source>No finding matches what you chose to show.</source>
        <translation>Aucun constat ne correspond à ce que vous avez choisi d’afficher.</translation>
    </message>
    <message>
        <source>Select a finding to see where it is and how to fix it.</source>
        <translation>Sélectionnez un constat pour voir où il se trouve et comment le corriger.</translation>
    </message>
    <message>
        <source>No problems found in this file.</source>
        <translation>Aucun problème trouvé dans ce fichier.</translation>
    </message>
    <message>
        <source>Nothing was found before the check was stopped; the rest of this file was not checked.</source>
        <translation>Rien n&apos;a été trouvé avant l&apos;arrêt de la vérification; le reste de ce fichier n&apos;a pas été vérifié.</translation>
    </message>
    <message>
        <source>{severity}: {rule}</source>
        <translation>{severity} : {rule}</translation>
    </message>
    <message>
        <source>Where:</source>
        <translation>Où :</translation>
    </message>
    <message>
        <source>line {line}: {value}</source>
        <translation>ligne {line} : {value}</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>ligne {line}</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Pris acte</translation>
    </message>
    <message>
        <source>This changes no verdict: the depot treats the finding as before.</source>
        <translation>Cela ne change aucun verdict : le dépôt traite le constat comme avant.</translation>
    </message>
    <message>
        <source>since {day}: {note}</source>
        <translation>depuis le {day} : {note}</translation>
    </message>
    <message>
        <source>How to fix it:</source>
        <translation>Comment le corriger :</translation>
    </message>
    <message>
        <source>(rule {code})</source>
        <translation>(règle {code})</translation>
    </message>
    <message>
        <source>What does this rule mean?</source>
        <translation>Que signifie cette règle?</translation>
    </message>
    <message>
        <source>The column {column}</source>
        <translation>La colonne {column}</translation>
    </message>
    <message>
        <source>Allowed values:</source>
        <translation>Valeurs permises :</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Règle</translation>
    </message>
    <message>
        <source>Still running</source>
        <translation>Encore en cours</translation>
    </message>
    <message>
        <source>Stopped before the end</source>
        <translation>Arrêtée avant la fin</translation>
    </message>
    <message>
        <source>Could not finish</source>
        <translation>N&apos;a pas pu se terminer</translation>
    </message>
    <message>
        <source>Interrupted (the app closed)</source>
        <translation>Interrompue (l&apos;application s&apos;est fermée)</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nouveaux</translation>
    </message>
    <message>
        <source>Still there</source>
        <translation>Toujours présents</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>Corrigés</translation>
    </message>
    <message>
        <source>{count} new</source>
        <translation>{count} nouveaux</translation>
    </message>
    <message>
        <source>{count} still there</source>
        <translation>{count} toujours présents</translation>
    </message>
    <message>
        <source>{count} fixed</source>
        <translation>{count} corrigés</translation>
    </message>
    <message>
        <source>Select a check above and press “Open report” (or double-click it): its report appears here.</source>
        <translation>Sélectionnez une vérification ci-dessus et appuyez sur « Ouvrir le rapport » (ou double-cliquez dessus) : son rapport apparaîtra ici.</translation>
    </message>
    <message>
        <source>Select a finished check above and press “What changed since the previous check”.</source>
        <translation>Sélectionnez une vérification terminée ci-dessus et appuyez sur « Ce qui a changé depuis la vérification précédente ».</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>Tables</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problèmes</translation>
    </message>
    <message>
        <source>History of checks</source>
        <translation>Historique des vérifications</translation>
    </message>
    <message>
        <source>part of a file name</source>
        <translation>partie d&apos;un nom de fichier</translation>
    </message>
    <message>
        <source>Show checks of files whose name contains</source>
        <translation>Afficher les vérifications des fichiers dont le nom contient</translation>
    </message>
    <message>
        <source>Show checks of this table</source>
        <translation>Afficher les vérifications de cette table</translation>
    </message>
    <message>
        <source>Show checks with this result</source>
        <translation>Afficher les vérifications ayant ce résultat</translation>
    </message>
    <message>
        <source>Any result</source>
        <translation>Tout résultat</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Fichier :</translation>
    </message>
    <message>
        <source>&amp;Table:</source>
        <translation>&amp;Table :</translation>
    </message>
    <message>
        <source>&amp;Result:</source>
        <translation>&amp;Résultat :</translation>
    </message>
    <message>
        <source>Earlier checks</source>
        <translation>Vérifications antérieures</translation>
    </message>
    <message>
        <source>&amp;Open report</source>
        <translation>&amp;Ouvrir le rapport</translation>
    </message>
    <message>
        <source>&amp;What changed since the previous check</source>
        <translation>&amp;Ce qui a changé depuis la vérification précédente</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Delete &amp;all…</source>
        <translation>&amp;Tout supprimer…</translation>
    </message>
    <message>
        <source>Open the report of the selected check</source>
        <translation>Ouvrir le rapport de la vérification sélectionnée</translation>
    </message>
    <message>
        <source>Compare the selected check with the previous check of its tables</source>
        <translation>Comparer la vérification sélectionnée avec la vérification précédente de ses tables</translation>
    </message>
    <message>
        <source>Delete the selected check from the history</source>
        <translation>Supprimer de l&apos;historique la vérification sélectionnée</translation>
    </message>
    <message>
        <source>Delete every check from the history</source>
        <translation>Supprimer toutes les vérifications de l&apos;historique</translation>
    </message>
    <message>
        <source>File of the reopened check</source>
        <translation>Fichier de la vérification rouverte</translation>
    </message>
    <message>
        <source>&amp;Save a shareable report…</source>
        <translation>Enregistrer un rapport &amp;partageable…</translation>
    </message>
    <message>
        <source>Save the reopened check as a shareable report: pseudonyms, no values</source>
        <translation>Enregistrer la vérification rouverte dans un rapport partageable : pseudonymes, aucune valeur</translation>
    </message>
    <message>
        <source>What changed since the previous check</source>
        <translation>Ce qui a changé depuis la vérification précédente</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Colonne</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Constat</translation>
    </message>
    <message>
        <source>Rows before</source>
        <translation>Lignes avant</translation>
    </message>
    <message>
        <source>Rows now</source>
        <translation>Lignes maintenant</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>Ce qui a changé</translation>
    </message>
    <message>
        <source>Any table</source>
        <translation>Toute table</translation>
    </message>
    <message>
        <source>No checks match.</source>
        <translation>Aucune vérification ne correspond.</translation>
    </message>
    <message>
        <source>No checks yet.</source>
        <translation>Aucune vérification pour le moment.</translation>
    </message>
    <message>
        <source>Check of {when}, reopened with the examples.</source>
        <translation>Vérification du {when}, rouverte avec les exemples.</translation>
    </message>
    <message>
        <source>Check of {when}, reopened without the values (the history keeps none in the clear).</source>
        <translation>Vérification du {when}, rouverte sans les valeurs (l&apos;historique n&apos;en garde aucune en clair).</translation>
    </message>
    <message>
        <source>Save a shareable report</source>
        <translation>Enregistrer un rapport partageable</translation>
    </message>
    <message>
        <source>since the check of {when}</source>
        <translation>depuis la vérification du {when}</translation>
    </message>
    <message>
        <source>first check of this table</source>
        <translation>première vérification de cette table</translation>
    </message>
    <message>
        <source>Delete this check from the history?</source>
        <translation>Supprimer cette vérification de l&apos;historique?</translation>
    </message>
    <message>
        <source>The check of {when} will be removed from this computer. This cannot be undone.</source>
        <translation>La vérification du {when} sera supprimée de cet ordinateur. Cette action est irréversible.</translation>
    </message>
    <message>
        <source>Delete the whole history?</source>
        <translation>Supprimer tout l&apos;historique?</translation>
    </message>
    <message>
        <source>Every earlier check will be removed from this computer. This cannot be undone.</source>
        <translation>Toutes les vérifications antérieures seront supprimées de cet ordinateur. Cette action est irréversible.</translation>
    </message>
    <message>
        <source>First lines</source>
        <translation>Premières lignes</translation>
    </message>
    <message>
        <source>What is wrong</source>
        <translation>Ce qui ne va pas</translation>
    </message>
    <message>
        <source>About the file as a whole, not about rows</source>
        <translation>Porte sur l&apos;ensemble du fichier, pas sur des lignes</translation>
    </message>
    <message>
        <source>{rule}. Acknowledged: {note}</source>
        <translation>{rule}. Pris acte : {note}</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>Identifiant de patient</translation>
    </message>
    <message>
        <source>Patient IDs not in the patient file</source>
        <translation>Identifiants de patients absents du fichier des patients</translation>
    </message>
    <message>
        <source>Patient IDs that appear more than once</source>
        <translation>Identifiants de patients qui apparaissent plus d’une fois</translation>
    </message>
    <message>
        <source>Not in the patient file</source>
        <translation>Absents du fichier des patients</translation>
    </message>
    <message>
        <source>Appear more than once in the patient file</source>
        <translation>Plus d’une fois dans le fichier des patients</translation>
    </message>
    <message>
        <source>The patient IDs of this file appear here once it is checked: how many there are, those the patient file does not have, and those the patient file holds more than once.</source>
        <translation>Les identifiants de patients de ce fichier apparaîtront ici une fois le fichier vérifié : leur nombre, ceux que le fichier des patients n&apos;a pas, et ceux que le fichier des patients contient plus d’une fois.</translation>
    </message>
    <message>
        <source>Every one of them is in the patient file.</source>
        <translation>Tous se trouvent dans le fichier des patients.</translation>
    </message>
    <message>
        <source>None of them appears more than once.</source>
        <translation>Aucun n&apos;apparaît plus d’une fois.</translation>
    </message>
    <message>
        <source>The list shows the first {count}.</source>
        <translation>La liste montre les {count} premiers.</translation>
    </message>
    <message>
        <source>Filled in {percent} % of {rows}</source>
        <translation>Rempli dans {percent} % de {rows}</translation>
    </message>
    <message>
        <source>from {min} to {max}, median {median}</source>
        <translation>de {min} à {max}, médiane {median}</translation>
    </message>
    <message>
        <source>from {min} to {max}</source>
        <translation>de {min} à {max}</translation>
    </message>
    <message>
        <source>Not in the allowed list: {values}</source>
        <translation>Absentes de la liste permise : {values}</translation>
    </message>
    <message>
        <source>Variable {column}</source>
        <translation>Variable {column}</translation>
    </message>
    <message>
        <source>Most common: {values}</source>
        <translation>Les plus fréquentes : {values}</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>Variables</translation>
    </message>
    <message>
        <source>No summaries yet: check the file to see them.</source>
        <translation>Pas encore de résumés : vérifiez le fichier pour les voir.</translation>
    </message>
    <message>
        <source>No summaries: the file could not be read far enough.</source>
        <translation>Aucun résumé : le fichier n&apos;a pas pu être lu assez loin.</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Résultats</translation>
    </message>
    <message>
        <source>&amp;Findings</source>
        <translation>&amp;Constats</translation>
    </message>
    <message>
        <source>&amp;Variables</source>
        <translation>&amp;Variables</translation>
    </message>
    <message>
        <source>&amp;Patient IDs</source>
        <translation>Identifiants de &amp;patients</translation>
    </message>
    <message>
        <source>F&amp;ile</source>
        <translation>F&amp;ichier</translation>
    </message>
    <message>
        <source>App</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>Definitions</source>
        <translation>Définitions</translation>
    </message>
    <message>
        <source>Run history</source>
        <translation>Historique des vérifications</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Temporary copies (wiped after each check)</source>
        <translation>Copies temporaires (effacées après chaque vérification)</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <source>MIT; the libraries it uses have their own licences (Licences…)</source>
        <translation>MIT; les bibliothèques utilisées ont leurs propres licences (Licences…)</translation>
    </message>
    <message>
        <source>About NA-ACCORD Desktop Precheck</source>
        <translation>À propos de Prévérification NA-ACCORD</translation>
    </message>
    <message>
        <source>&lt;h3&gt;NA-ACCORD Desktop Precheck&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Prévérification NA-ACCORD&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Checks a data submission on this computer before you upload it. Your files never leave this computer and are only ever read, never changed.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Vérifie une soumission de données sur cet ordinateur avant que vous la téléversiez. Vos fichiers ne quittent jamais cet ordinateur; ils sont seulement lus, jamais modifiés.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Licences…</source>
        <translation>&amp;Licences…</translation>
    </message>
    <message>
        <source>About &amp;Qt…</source>
        <translation>À propos de &amp;Qt…</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Licences</translation>
    </message>
    <message>
        <source>Licence texts</source>
        <translation>Textes des licences</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>The language of the window; it changes the next time the app starts</source>
        <translation>La langue de la fenêtre; elle change au prochain démarrage de l&apos;application</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Celle du système</translation>
    </message>
    <message>
        <source>Wipe temporary copies after this many idle minutes</source>
        <translation>Effacer les copies temporaires après ce nombre de minutes d&apos;inactivité</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <source>Memory limit for checking</source>
        <translation>Limite de mémoire pour la vérification</translation>
    </message>
    <message>
        <source>for example {limit}</source>
        <translation>par exemple {limit}</translation>
    </message>
    <message>
        <source>Threads for checking</source>
        <translation>Fils d’exécution pour la vérification</translation>
    </message>
    <message>
        <source>Folder for temporary copies</source>
        <translation>Dossier des copies temporaires</translation>
    </message>
    <message>
        <source>Empty: the default folder, {folder}</source>
        <translation>Vide : le dossier par défaut, {folder}</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Choose the folder for temporary copies</source>
        <translation>Choisir le dossier des copies temporaires</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Par défaut</translation>
    </message>
    <message>
        <source>Use the default folder for temporary copies</source>
        <translation>Utiliser le dossier par défaut pour les copies temporaires</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>&amp;Wipe temporary copies after:</source>
        <translation>&amp;Effacer les copies temporaires après :</translation>
    </message>
    <message>
        <source>&amp;Memory limit:</source>
        <translation>Limite de &amp;mémoire :</translation>
    </message>
    <message>
        <source>&amp;Threads:</source>
        <translation>&amp;Fils d’exécution :</translation>
    </message>
    <message>
        <source>&amp;Temporary copies in:</source>
        <translation>Copies &amp;temporaires dans :</translation>
    </message>
    <message>
        <source>Temporary copies of your files are made while checking and wiped as soon as the check ends or stops, and when the app closes. Copies left behind by a check that crashed (in this app, another window or the command line) are wiped when the app starts, after the idle time above while the app is open, and with File &gt; Wipe temporary copies now. A new folder and a new language are used from the next start of the app.</source>
        <translation>Des copies temporaires de vos fichiers sont faites pendant la vérification et effacées dès que la vérification se termine ou s&apos;arrête, et à la fermeture de l&apos;application. Les copies laissées par une vérification interrompue par une panne (dans cette application, une autre fenêtre ou la ligne de commande) sont effacées au démarrage de l&apos;application, après le délai d&apos;inactivité ci-dessus pendant que l&apos;application est ouverte, et avec Fichier &gt; Effacer les copies temporaires maintenant. Un nouveau dossier et une nouvelle langue s&apos;appliquent à partir du prochain démarrage de l&apos;application.</translation>
    </message>
    <message>
        <source>Keep the history of checks and the audit for this many days</source>
        <translation>Conserver l&apos;historique des vérifications et l&apos;audit pendant ce nombre de jours</translation>
    </message>
    <message>
        <source>days</source>
        <translation>jours</translation>
    </message>
    <message>
        <source>Older checks are forgotten, their kept detail first. The audit keeps what became of every copy of patient data for as long, and a copy still on this computer for as long as it is there.</source>
        <translation>Les vérifications plus anciennes sont oubliées, en commençant par leur détail conservé. L&apos;audit garde aussi longtemps ce qu&apos;il est advenu de chaque copie de données de patients, et une copie encore présente sur cet ordinateur aussi longtemps qu&apos;elle s&apos;y trouve.</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Confidentialité</translation>
    </message>
    <message>
        <source>&amp;Keep the history and audit for:</source>
        <translation>&amp;Conserver l&apos;historique et l&apos;audit pendant :</translation>
    </message>
    <message>
        <source>The settings could not be saved in {folder}. Check that this folder can be written to.</source>
        <translation>Les paramètres n&apos;ont pas pu être enregistrés dans {folder}. Vérifiez qu&apos;il est possible d&apos;écrire dans ce dossier.</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>sauté</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>arrêté</translation>
    </message>
    <message>
        <source>about {time} left</source>
        <translation>environ {time} restantes</translation>
    </message>
    <message>
        <source>{patients}, each once</source>
        <translation>{patients}, chacun une seule fois</translation>
    </message>
    <message>
        <source>every ID is in the patient file</source>
        <translation>chaque identifiant est dans le fichier des patients</translation>
    </message>
    <message>
        <source>no findings</source>
        <translation>aucun constat</translation>
    </message>
    <message>
        <source>{stage} progress</source>
        <translation>Progression : {stage}</translation>
    </message>
    <message>
        <source>{percent} %</source>
        <translation>{percent} %</translation>
    </message>
    <message>
        <source>Not checked yet. Press “Check all” to check the submission.</source>
        <translation>Pas encore vérifié. Appuyez sur « Tout vérifier » pour vérifier la soumission.</translation>
    </message>
    <message>
        <source>Check progress</source>
        <translation>Progression de la vérification</translation>
    </message>
    <message>
        <source>Waiting for the other files to finish…</source>
        <translation>En attente de la fin des autres fichiers…</translation>
    </message>
    <message>
        <source>This file was not reached before the check stopped.</source>
        <translation>La vérification s&apos;est arrêtée avant d&apos;arriver à ce fichier.</translation>
    </message>
    <message>
        <source>Drop the files of your submission here
(.csv, .tsv or .txt, or a whole folder)</source>
        <translation>Déposez ici les fichiers de votre soumission
(.csv, .tsv ou .txt, ou un dossier entier)</translation>
    </message>
    <message>
        <source>choose a type…</source>
        <translation>choisir un type…</translation>
    </message>
    <message>
        <source>Double-click or press F2 to change the table type</source>
        <translation>Double-cliquez ou appuyez sur F2 pour changer le type de table</translation>
    </message>
    <message>
        <source>Submission files</source>
        <translation>Fichiers de la soumission</translation>
    </message>
    <message>
        <source>The files of this submission. Press F2 to change a file&apos;s table type.</source>
        <translation>Les fichiers de cette soumission. Appuyez sur F2 pour changer le type de table d&apos;un fichier.</translation>
    </message>
    <message>
        <source>File not found: {path}</source>
        <translation>Fichier introuvable : {path}</translation>
    </message>
    <message>
        <source>Add files to the submission</source>
        <translation>Ajouter des fichiers à la soumission</translation>
    </message>
    <message>
        <source>Data files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>Fichiers de données (*.csv *.tsv *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Some files could not be added</source>
        <translation>Certains fichiers n&apos;ont pas pu être ajoutés</translation>
    </message>
    <message>
        <source>No new data files there (.csv, .tsv or .txt).</source>
        <translation>Aucun nouveau fichier de données à cet endroit (.csv, .tsv ou .txt).</translation>
    </message>
    <message>
        <source>Choose a table type first</source>
        <translation>Choisissez d&apos;abord un type de table</translation>
    </message>
    <message>
        <source>Double-click the table type of {files} and pick one from the list.</source>
        <translation>Double-cliquez sur le type de table de {files} et choisissez-en un dans la liste.</translation>
    </message>
    <message>
        <source>You can keep working; “Stop checking” ends it.</source>
        <translation>Vous pouvez continuer à travailler; « Arrêter la vérification » y met fin.</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Arrêt en cours…</translation>
    </message>
    <message>
        <source>The check could not start</source>
        <translation>La vérification n&apos;a pas pu commencer</translation>
    </message>
    <message>
        <source>Check stopped.</source>
        <translation>Vérification arrêtée.</translation>
    </message>
    <message>
        <source>Check finished.</source>
        <translation>Vérification terminée.</translation>
    </message>
    <message>
        <source>No rows to export</source>
        <translation>Aucune ligne à exporter</translation>
    </message>
    <message>
        <source>The findings of this file are about the file as a whole (its header, its encoding, the submission), not about rows.</source>
        <translation>Les constats de ce fichier portent sur l&apos;ensemble du fichier (son en-tête, son encodage, la soumission), pas sur des lignes.</translation>
    </message>
    <message>
        <source>Export the rows of this finding</source>
        <translation>Exporter les lignes de ce constat</translation>
    </message>
    <message>
        <source>Export every problem row of this file</source>
        <translation>Exporter chaque ligne en cause de ce fichier</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Exporting rows</source>
        <translation>Exportation des lignes</translation>
    </message>
    <message>
        <source>Saved {rows} to {file}. It holds patient IDs and values: keep it on this computer.</source>
        <translation>{rows} enregistrées dans {file}. Ce fichier contient des identifiants de patients et des valeurs : gardez-le sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Export stopped; nothing was saved.</source>
        <translation>Exportation arrêtée; rien n&apos;a été enregistré.</translation>
    </message>
    <message>
        <source>The rows were not exported</source>
        <translation>Les lignes n&apos;ont pas été exportées</translation>
    </message>
    <message>
        <source>{file} now has {rows} for “{rule}” where the check counted {count}: a file of the submission has changed. Check it again, then export its rows.</source>
        <translation>{file} compte maintenant {rows} pour « {rule} », alors que la vérification en comptait {count} : un fichier de la soumission a changé. Vérifiez-le de nouveau, puis exportez ses lignes.</translation>
    </message>
    <message>
        <source>Save the shareable report</source>
        <translation>Enregistrer le rapport partageable</translation>
    </message>
    <message>
        <source>Save the full report</source>
        <translation>Enregistrer le rapport complet</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Classeurs Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Web pages (*.html)</source>
        <translation>Pages Web (*.html)</translation>
    </message>
    <message>
        <source>The report was not saved</source>
        <translation>Le rapport n&apos;a pas été enregistré</translation>
    </message>
    <message>
        <source>Shareable report saved as {file}: it has no patient IDs or values.</source>
        <translation>Rapport partageable enregistré sous {file} : il ne contient ni identifiants de patients ni valeurs.</translation>
    </message>
    <message>
        <source>Report saved as {file}. It contains patient IDs and values: keep it on this computer.</source>
        <translation>Rapport enregistré sous {file}. Il contient des identifiants de patients et des valeurs : gardez-le sur cet ordinateur.</translation>
    </message>
    <message>
        <source>No receipt for a stopped check</source>
        <translation>Aucun reçu pour une vérification arrêtée</translation>
    </message>
    <message>
        <source>The check was stopped before every file was finished, so there is no verdict to put on a receipt. Press “Check all” and save the receipt when the check is done.</source>
        <translation>La vérification a été arrêtée avant que tous les fichiers soient terminés; il n&apos;y a donc aucun verdict à inscrire sur un reçu. Appuyez sur « Tout vérifier » et enregistrez le reçu une fois la vérification terminée.</translation>
    </message>
    <message>
        <source>Save the precheck receipt</source>
        <translation>Enregistrer le reçu de prévérification</translation>
    </message>
    <message>
        <source>Receipts (*.json)</source>
        <translation>Reçus (*.json)</translation>
    </message>
    <message>
        <source>The receipt was not saved</source>
        <translation>Le reçu n&apos;a pas été enregistré</translation>
    </message>
    <message>
        <source>Receipt saved as {json} and {text}.</source>
        <translation>Reçu enregistré sous {json} et {text}.</translation>
    </message>
    <message>
        <source>Your settings could not be saved in {folder}.</source>
        <translation>Vos paramètres n&apos;ont pas pu être enregistrés dans {folder}.</translation>
    </message>
    <message>
        <source>New submission: add its files.</source>
        <translation>Nouvelle soumission : ajoutez-en les fichiers.</translation>
    </message>
    <message>
        <source>Start a new submission?</source>
        <translation>Commencer une nouvelle soumission?</translation>
    </message>
    <message>
        <source>Clear this list</source>
        <translation>Vider cette liste</translation>
    </message>
    <message>
        <source>No submission checked yet</source>
        <translation>Aucune soumission vérifiée pour le moment</translation>
    </message>
    <message>
        <source>{files} and {more} more</source>
        <translation>{files} et {more} autres</translation>
    </message>
    <message>
        <source>{files} (in {folder})</source>
        <translation>{files} (dans {folder})</translation>
    </message>
    <message>
        <source>The check stopped because of a problem in the app, not in your files. Your files were not changed. Please try again; if it happens again, send the details to the NA-ACCORD help desk.</source>
        <translation>La vérification s&apos;est arrêtée à cause d&apos;un problème dans l&apos;application, et non dans vos fichiers. Vos fichiers n&apos;ont pas été modifiés. Veuillez réessayer; si cela se reproduit, envoyez les détails au service d&apos;assistance de NA-ACCORD.</translation>
    </message>
    <message>
        <source>The export stopped because of a problem in the app, not in your files. Your files were not changed. Please try again; if it happens again, send the details to the NA-ACCORD help desk.</source>
        <translation>L&apos;exportation s&apos;est arrêtée à cause d&apos;un problème dans l&apos;application, et non dans vos fichiers. Vos fichiers n&apos;ont pas été modifiés. Veuillez réessayer; si cela se reproduit, envoyez les détails au service d&apos;assistance de NA-ACCORD.</translation>
    </message>
    <message>
        <source>e.g. legacy IDs, agreed with the coordinating center on 2026-10-01</source>
        <translation>p. ex. anciens identifiants, convenu avec le centre de coordination le 2026-10-01</translation>
    </message>
    <message>
        <source>The history of checks could not keep this change, so it is not saved.</source>
        <translation>L&apos;historique des vérifications n&apos;a pas pu conserver ce changement; il n&apos;est donc pas enregistré.</translation>
    </message>
    <message>
        <source>Acknowledge a finding</source>
        <translation>Prendre acte d’un constat</translation>
    </message>
    <message>
        <source>{rule} in {column}</source>
        <translation>{rule} dans {column}</translation>
    </message>
    <message>
        <source>&lt;p&gt;Mark &lt;b&gt;{rule}&lt;/b&gt; ({severity}) of the &lt;b&gt;{table}&lt;/b&gt; table as known.&lt;/p&gt;&lt;p&gt;Your note is kept on this computer with the rule and the column. Write no patient ID or value in it: the shareable reports and the receipt show it (with any ID or value the check knows taken out). Every later check of this table shows the finding as acknowledged with your note, and so do the reports and the receipt.&lt;/p&gt;&lt;p&gt;&lt;b&gt;It changes no verdict:&lt;/b&gt; a finding that blocks the upload still blocks it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Marquer &lt;b&gt;{rule}&lt;/b&gt; ({severity}) de la table &lt;b&gt;{table}&lt;/b&gt; comme connu.&lt;/p&gt;&lt;p&gt;Votre note est conservée sur cet ordinateur avec la règle et la colonne. N&apos;y écrivez ni identifiant de patient ni valeur : les rapports à partager et le reçu la montrent (sans les identifiants ni les valeurs que la vérification connaît). Chaque vérification ultérieure de cette table montre le constat comme pris acte avec votre note, tout comme les rapports et le reçu.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Cela ne change aucun verdict :&lt;/b&gt; un constat qui bloque le téléversement le bloque toujours.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Why this finding is known</source>
        <translation>Pourquoi ce constat est connu</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Prendre acte</translation>
    </message>
    <message>
        <source>Why is it known?</source>
        <translation>Pourquoi est-il connu?</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
    <message>
        <source>Full report - stays on this computer (patient IDs and values)</source>
        <translation>Rapport complet - reste sur cet ordinateur (identifiants de patients et valeurs)</translation>
    </message>
    <message>
        <source>Shareable report - pseudonyms, no values</source>
        <translation>Rapport partageable - pseudonymes, aucune valeur</translation>
    </message>
    <message>
        <source>For you: every patient ID and offending value, to find and fix the rows.</source>
        <translation>Pour vous : chaque identifiant de patient et chaque valeur fautive, pour trouver et corriger les lignes.</translation>
    </message>
    <message>
        <source>To send to the data manager: patient IDs are replaced by pseudonyms and no cell value is shown.</source>
        <translation>À envoyer au gestionnaire des données : les identifiants de patients sont remplacés par des pseudonymes et aucune valeur de cellule n&apos;est montrée.</translation>
    </message>
    <message>
        <source>The shareable report needs the app&apos;s key, which is not available in this window.</source>
        <translation>Le rapport partageable a besoin de la clé de l&apos;application, qui n&apos;est pas disponible dans cette fenêtre.</translation>
    </message>
    <message>
        <source>This computer has no keychain to keep the app&apos;s key in, so the pseudonyms change each time the app starts: two shareable reports show a patient under the same pseudonym only if both were saved without closing the app in between.</source>
        <translation>Cet ordinateur n&apos;a pas de trousseau où garder la clé de l&apos;application; les pseudonymes changent donc à chaque démarrage de l&apos;application : deux rapports partageables montrent un patient sous le même pseudonyme seulement s&apos;ils ont été enregistrés sans fermer l&apos;application entre les deux.</translation>
    </message>
    <message>
        <source>Web page (.html) - opens in any browser, with charts</source>
        <translation>Page Web (.html) - s&apos;ouvre dans tout navigateur, avec des graphiques</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx) - one row per finding, to sort, filter and annotate</source>
        <translation>Classeur Excel (.xlsx) - une ligne par constat, à trier, filtrer et annoter</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Enregistrer le rapport</translation>
    </message>
    <message>
        <source>Which report do you want to save?</source>
        <translation>Quel rapport voulez-vous enregistrer?</translation>
    </message>
    <message>
        <source>As what?</source>
        <translation>Sous quelle forme?</translation>
    </message>
    <message>
        <source>Choose where to save…</source>
        <translation>Choisir l&apos;emplacement…</translation>
    </message>
    <message>
        <source>Rules of definitions {version}</source>
        <translation>Règles des définitions {version}</translation>
    </message>
    <message>
        <source>Tables and columns</source>
        <translation>Tables et colonnes</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Règles</translation>
    </message>
    <message>
        <source>Definitions {version} ({source}): what each rule means, and how serious a finding of it is. Only the depot&apos;s own refusals block the upload. The definitions are written in English.</source>
        <translation>Définitions {version} ({source}) : ce que signifie chaque règle, et la gravité d&apos;un constat qui la concerne. Seuls les refus du dépôt lui-même bloquent le téléversement. Les définitions sont rédigées en anglais.</translation>
    </message>
</context>
</TS>
