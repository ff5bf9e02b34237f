; Inno Setup 6 script: a per-user installer for the PyInstaller folder (no administrator rights).
;
;   make app                                    (on Windows: builds dist\app\termijn)
;   python packaging\windows\build_installer.py (reads the version from pyproject.toml, runs ISCC)
;
; or by hand: iscc /DAppVersion=0.1.0 packaging\windows\termijn.iss
; Output: dist\installer\termijn-<version>-setup.exe
;
; Uninstalling removes the program only. Cases, backups and logs live in the user's data folder
; (%LOCALAPPDATA%\Termijn, see README "Where data and backups live") and are left in place.

#ifndef AppVersion
  #error Pass the version from pyproject.toml: iscc /DAppVersion=X.Y.Z termijn.iss
#endif
#define AppName "Termijn"
#define AppExe "termijn-gui.exe"
#define SourceDir "..\..\dist\app\termijn"

[Setup]
; AppId identifies the installation for upgrades and uninstall: never change it.
AppId={{BDD7F8DE-6D68-444F-8539-6D13526B1A2E}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The Termijn contributors
AppComments=Offline case organiser for IND decision terms, Notices of Default and penalties
; Per user: no UAC prompt; {autopf} is then %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
LicenseFile=..\..\LICENSE
OutputDir=..\..\dist\installer
OutputBaseFilename=termijn-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\termijn.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; An upgrade closes a running Termijn first, so no file is in use while it is replaced.
CloseApplications=yes
RestartApplications=no
VersionInfoVersion={#AppVersion}

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole program folder: no stale modules from the previous version.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\..\LICENSE"; DestDir: "{app}"; DestName: "LICENSE.txt"; Flags: ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] for the data folder, on purpose: cases and backups outlive the program.

[CustomMessages]
english.DataKept=Your cases and backups were not removed. They are in %1. Delete that folder yourself if you no longer need them.
dutch.DataKept=Uw zaken en back-ups zijn niet verwijderd. Ze staan in %1. Verwijder die map zelf als u ze niet meer nodig hebt.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\Termijn');
    if DirExists(DataDir) and not UninstallSilent then
      MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir]), mbInformation, MB_OK);
  end;
end;
