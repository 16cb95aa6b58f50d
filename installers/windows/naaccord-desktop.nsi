; NSIS 3 script: a per-user installer of NA-ACCORD Desktop Precheck.
; No administrator rights: installs under %LOCALAPPDATA%\Programs, adds a
; Start-menu entry and an uninstaller listed in Settings > Apps for the current
; user only. Coordinators' data (run history, settings) is not in the install
; folder and is kept by the uninstaller; the scratch folder (temporary copies of
; checked files) is removed with the app.
;
; Build from the repository root, after `pyinstaller --noconfirm --clean build.spec`:
;   makensis -DAPP_VERSION=0.1.0 installers\windows\naaccord-desktop.nsi
; APP_VERSION must be naaccord_desktop.__version__ (the release workflow reads
; it from the package). BUNDLE_DIR defaults to dist\naaccord-desktop. makensis
; reads the paths below from the folder of this script.
; The installer is written to dist\.

Unicode true

!ifndef APP_VERSION
  !error "Pass the version: makensis -DAPP_VERSION=x.y.z installers\windows\naaccord-desktop.nsi"
!endif
!ifndef BUNDLE_DIR
  !define BUNDLE_DIR "../../dist/naaccord-desktop"
!endif

!define APP_NAME "NA-ACCORD Desktop Precheck"
!define APP_EXE "naaccord-desktop.exe"
!define CLI_EXE "naaccord-desktop-cli.exe"
!define PUBLISHER "NA-ACCORD"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\NA-ACCORD Desktop Precheck"
!define SHORTCUT "$SMPROGRAMS\${APP_NAME}.lnk"
; platformdirs' user_cache_dir on Windows (store/paths.py: scratch is cache\scratch)
!define CACHE_DIR "$LOCALAPPDATA\${PUBLISHER}\${APP_NAME}\Cache"

!include "MUI2.nsh"
!include "FileFunc.nsh"

Name "${APP_NAME}"
Caption "${APP_NAME} ${APP_VERSION} Setup"
OutFile "../../dist/NA-ACCORD-Desktop-Precheck-${APP_VERSION}-setup.exe"
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

Section "Install"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the bundled libraries as a whole, so none of an older
  ; version's files are left behind.
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE_DIR}/*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "${SHORTCUT}" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

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
SectionEnd
