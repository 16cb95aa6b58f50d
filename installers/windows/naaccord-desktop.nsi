; NSIS 3 script: a per-user installer of NA-ACCORD Desktop Precheck.
; No administrator rights: installs under %LOCALAPPDATA%\Programs, adds a
; Start-menu entry, "Open with" for .csv, .tsv and .txt files and an
; uninstaller listed in Settings > Apps, for the current user only.
; Coordinators' data (run history, settings) is not in the install
; folder and is kept by the uninstaller; the scratch folder (temporary copies of
; checked files) is removed with the app.
;
; Neither the installer nor the uninstaller proceeds while any process of the
; app runs (a window, a command-line check): each one holds a named mutex
; (naaccord_desktop/app_mutex.py), checked at start and again just before files
; are replaced or the scratch folder is wiped.
;
; Build from the repository root, after `pyinstaller --noconfirm --clean build.spec`:
;   makensis -DAPP_VERSION=0.1.0 installers\windows\naaccord-desktop.nsi
; APP_VERSION must be naaccord_desktop.__version__ (the release workflow reads
; it from the package); FILE_VERSION, the four numbers of the installer's version
; resource, defaults to APP_VERSION.0. BUNDLE_DIR defaults to dist\naaccord-desktop,
; OUT_DIR (where the installer is written) to dist. makensis reads these paths
; from the folder of this script.

Unicode true

!ifndef APP_VERSION
  !error "Pass the version: makensis -DAPP_VERSION=x.y.z installers\windows\naaccord-desktop.nsi"
!endif
!ifndef FILE_VERSION
  !define FILE_VERSION "${APP_VERSION}.0"
!endif
!ifndef BUNDLE_DIR
  !define BUNDLE_DIR "../../dist/naaccord-desktop"
!endif
!ifndef OUT_DIR
  !define OUT_DIR "../../dist"
!endif

!define APP_NAME "NA-ACCORD Desktop Precheck"
!define APP_EXE "naaccord-desktop.exe"
!define CLI_EXE "naaccord-desktop-cli.exe"
!define PUBLISHER "NA-ACCORD"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\NA-ACCORD Desktop Precheck"
!define SHORTCUT "$SMPROGRAMS\${APP_NAME}.lnk"
; "Open with" for data files, for this user only: a ProgID listed under each
; suffix's OpenWithProgids. The default app of .csv (Excel, ...) stays as it is.
!define PROGID "NAACCORD.DesktopPrecheck.DataFile"
!define CLASSES "Software\Classes"
!define APP_MUTEX "NA-ACCORD Desktop Precheck is running"  ; naaccord_desktop/app_mutex.py MUTEX_NAME
!define SYNCHRONIZE 0x00100000
; platformdirs' user_cache_dir on Windows (store/paths.py: scratch is cache\scratch)
!define CACHE_DIR "$LOCALAPPDATA\${PUBLISHER}\${APP_NAME}\Cache"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

Name "${APP_NAME}"
Caption "${APP_NAME} ${APP_VERSION} Setup"
OutFile "${OUT_DIR}/NA-ACCORD-Desktop-Precheck-${APP_VERSION}-setup.exe"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
SetCompressor /SOLID lzma
ManifestDPIAware true

!define MUI_ICON "../../naaccord_desktop/resources/icon.ico"
!define MUI_UNICON "../../naaccord_desktop/resources/icon.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${APP_NAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

!macro OPEN_WITH SUFFIX
  WriteRegStr HKCU "${CLASSES}\${SUFFIX}\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "${CLASSES}\Applications\${APP_EXE}\SupportedTypes" "${SUFFIX}" ""
!macroend

!macro NO_OPEN_WITH SUFFIX
  DeleteRegValue HKCU "${CLASSES}\${SUFFIX}\OpenWithProgids" "${PROGID}"
!macroend

; The installer's own version resource (Properties > Details).
VIProductVersion "${FILE_VERSION}"
VIFileVersion "${FILE_VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "${APP_NAME} Setup"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${APP_VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${APP_VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "Copyright (c) ${PUBLISHER}"

; Stops (exit code 2) while any process of the app holds its mutex, unless the
; user closes them and presses Retry. Silent (/S): stops at once.
!macro REFUSE_WHILE_RUNNING un
  Function ${un}RefuseWhileRunning
    retry:
      System::Call 'kernel32::OpenMutexW(i ${SYNCHRONIZE}, i 0, w "${APP_MUTEX}") i .r0'
      ${If} $0 <> 0
        System::Call 'kernel32::CloseHandle(i r0)'
        MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APP_NAME} is running. Close all its windows, and wait for any check started from the command line to end, then press Retry." /SD IDCANCEL IDRETRY retry
        SetErrorLevel 2
        Quit
      ${EndIf}
  FunctionEnd
!macroend
!insertmacro REFUSE_WHILE_RUNNING ""
!insertmacro REFUSE_WHILE_RUNNING "un."

Function .onInit
  Call RefuseWhileRunning
FunctionEnd

Function un.onInit
  Call un.RefuseWhileRunning
FunctionEnd

Section "Install"
  SetShellVarContext current
  Call RefuseWhileRunning  ; again: the app may have been started while this wizard was open
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the bundled libraries as a whole, so none of an older
  ; version's files are left behind.
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE_DIR}/*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "${SHORTCUT}" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  ; "Open with": the app gets the file (or several) as arguments and hands them to
  ; the window already open (gui/desktop_open.py).
  WriteRegStr HKCU "${CLASSES}\${PROGID}" "" "Data submission file"
  WriteRegStr HKCU "${CLASSES}\${PROGID}" "FriendlyTypeName" "Data submission file"
  WriteRegStr HKCU "${CLASSES}\${PROGID}\DefaultIcon" "" '"$INSTDIR\${APP_EXE}",0'
  WriteRegStr HKCU "${CLASSES}\${PROGID}\shell\open" "FriendlyAppName" "${APP_NAME}"
  WriteRegStr HKCU "${CLASSES}\${PROGID}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" "%1"'
  WriteRegStr HKCU "${CLASSES}\Applications\${APP_EXE}" "FriendlyAppName" "${APP_NAME}"
  WriteRegStr HKCU "${CLASSES}\Applications\${APP_EXE}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" "%1"'
  !insertmacro OPEN_WITH ".csv"
  !insertmacro OPEN_WITH ".tsv"
  !insertmacro OPEN_WITH ".txt"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'  ; SHCNE_ASSOCCHANGED: Explorer reads them again

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${APP_VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Call un.RefuseWhileRunning  ; again, just before the scratch folder of a running check could go
  Delete "${SHORTCUT}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  ; Only removed when empty: never deletes files the installer did not put there.
  RMDir "$INSTDIR"
  ; Temporary copies a crashed check may have left in the default scratch folder
  ; (a scratch location chosen in Settings is not known here; the app empties it
  ; at each exit and after a crash at its next start).
  RMDir /r "${CACHE_DIR}\scratch"
  RMDir "${CACHE_DIR}"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  !insertmacro NO_OPEN_WITH ".csv"
  !insertmacro NO_OPEN_WITH ".tsv"
  !insertmacro NO_OPEN_WITH ".txt"
  DeleteRegKey HKCU "${CLASSES}\${PROGID}"
  DeleteRegKey HKCU "${CLASSES}\Applications\${APP_EXE}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
