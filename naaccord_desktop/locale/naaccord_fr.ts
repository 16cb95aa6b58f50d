<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name></name>
    <message>
        <source>&amp;New submission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take every file out of the list to start another submission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add data files to the submission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add every data file of a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the selected file out of the submission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove &amp;all files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take every file out of the submission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Check all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check every file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check &amp;this file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the selected file again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the check that is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the results as a report that opens in any web browser: the full one, or one you can share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save precheck re&amp;ceipt…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the receipt to attach to the upload: each file&apos;s fingerprint, size, table type and verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export all problem &amp;rows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save every row of the selected file that a finding is about, with the rules it breaks, as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earlier checks: reopen their reports, see what changed, delete them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cohort, language, when temporary copies are wiped, memory and threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Wipe temporary copies now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the temporary copies of your files that no running check needs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Audit of patient data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What holds patient data from this app on this computer now, and every copy it made and wiped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rules…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every table, column and rule of the definitions, in plain words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &amp;log folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the app&apos;s log files, to send them to the NA-ACCORD help desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run history could not be opened in this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit is kept with the run history, which could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent &amp;submissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Privacy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app hit a problem it did not expect. Your files were not changed. If it happens again, send the log file to the NA-ACCORD help desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some parts of the app are not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Check your submission before you upload it&lt;/h2&gt;&lt;p&gt;Drag the files of your submission into the list on the left, or use &lt;b&gt;Add files&lt;/b&gt; (Ctrl+O) or &lt;b&gt;Add folder&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Check that each file has the right table type, then press &lt;b&gt;Check all&lt;/b&gt;. Your files stay on this computer and are never changed.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NA-ACCORD Desktop Precheck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cohort</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your cohort: some cohorts use their own names for a few columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other (no column renames)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cohort:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Definitions {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove all files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check all files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verdict for the whole submission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check this file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking… the results appear here when this file is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last check could not finish: these are the results of the check before it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temporary copies on disk: {size}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No temporary copies on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last check {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temporary copies wiped, except those of the check that is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some temporary copies could not be wiped yet; the app tries again when it next starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temporary copies wiped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another window of the app is checking files: its copies are wiped when it is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A check is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A check is still running. Stop it and close the window?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The check could not finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not in the allowed list)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unix (LF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Windows (CR LF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>old Mac (CR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (a single line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mixed: {counts}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fast (the whole file read at once)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line by line (diagnostic)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{encoding} (read as {read_as})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{size} ({bytes})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not computed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Byte order mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delimiter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line endings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How it was read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time per stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File facts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the file to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save every row of this finding, as the file holds it, under the file&apos;s header and after its line number: a CSV file that stays on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This finding is about the file as a whole: it has no rows to export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All severities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search: rule, column, message or value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark this finding as known, with a short note that every later check of this table shows; it changes no verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy line numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the line numbers of this finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export these rows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export every row of this finding as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export all problem rows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export every problem row of this file as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save every row of this file that any finding is about, each once, with the rules it breaks, as a CSV file that stays on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(whole file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{shown} of {findings}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw acknowledgement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The history of checks is not available in this session, so acknowledgements cannot be kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No finding matches what you chose to show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a finding to see where it is and how to fix it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No problems found in this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was found before the check was stopped; the rest of this file was not checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>since {day}: {note}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(rule {code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The column {column}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About the file as a whole, not about rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{rule}. Acknowledged: {note}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient IDs not in the patient file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient IDs that appear more than once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in the patient file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appear more than once in the patient file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The patient IDs of this file appear here once it is checked: how many there are, those the patient file does not have, and those the patient file holds more than once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every one of them is in the patient file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of them appears more than once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list shows the first {count}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled in {percent} % of {rows}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from {min} to {max}, median {median}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from {min} to {max}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in the allowed list: {values}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variable {column}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most common: {values}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No summaries yet: check the file to see them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No summaries: the file could not be read far enough.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Variables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Patient IDs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language of the window; it changes the next time the app starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wipe temporary copies after this many idle minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory limit for checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example {limit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threads for checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for temporary copies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: the default folder, {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the folder for temporary copies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the default folder for temporary copies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Wipe temporary copies after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Memory limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Threads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Temporary copies in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temporary copies of your files are made while checking and wiped as soon as the check ends or stops, and when the app closes. Copies left behind by a check that crashed (in this app, another window or the command line) are wiped when the app starts, after the idle time above while the app is open, and with File &gt; Wipe temporary copies now. A new folder and a new language are used from the next start of the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the history of checks and the audit for this many days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Older checks are forgotten, their kept detail first. The audit keeps what became of every copy of patient data for as long, and a copy still on this computer for as long as it is there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep the history and audit for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings could not be saved in {folder}. Check that this folder can be written to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about {time} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{patients}, each once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every ID is in the patient file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{stage} progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{percent} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked yet. Press “Check all” to check the submission.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the other files to finish…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file was not reached before the check stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop the files of your submission here
(.csv, .tsv or .txt, or a whole folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose a type…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click or press F2 to change the table type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submission files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The files of this submission. Press F2 to change a file&apos;s table type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File not found: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add files to the submission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some files could not be added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No new data files there (.csv, .tsv or .txt).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a table type first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click the table type of {files} and pick one from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can keep working; “Stop checking” ends it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The check could not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rows to export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The findings of this file are about the file as a whole (its header, its encoding, the submission), not about rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the rows of this finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export every problem row of this file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {rows} to {file}. It holds patient IDs and values: keep it on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export stopped; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rows were not exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} now has {rows} for “{rule}” where the check counted {count}: a file of the submission has changed. Check it again, then export its rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the shareable report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the full report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web pages (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report was not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shareable report saved as {file}: it has no patient IDs or values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report saved as {file}. It contains patient IDs and values: keep it on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No receipt for a stopped check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The check was stopped before every file was finished, so there is no verdict to put on a receipt. Press “Check all” and save the receipt when the check is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the precheck receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipts (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receipt was not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt saved as {json} and {text}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your settings could not be saved in {folder}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New submission: add its files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new submission?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear this list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No submission checked yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{files} and {more} more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{files} (in {folder})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The check stopped because of a problem in the app, not in your files. Your files were not changed. Please try again; if it happens again, send the details to the NA-ACCORD help desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export stopped because of a problem in the app, not in your files. Your files were not changed. Please try again; if it happens again, send the details to the NA-ACCORD help desk.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
