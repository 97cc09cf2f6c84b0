; Included by electron-builder's NSIS installer (electron-builder.yml: nsis.include).
;
; Uninstalling removes the program only. The register's records, backups and logs stay in the
; per-machine data folder, which the uninstaller never touches: safeguarding records must outlive
; a reinstall, a move to a new PC or a mistaken uninstall. This tells the person uninstalling so,
; and where the folder is, so nobody believes the records are gone (or deletes them by hand
; without a backup).

!macro customUnInstall
  ; An update runs the old version's uninstaller silently with --updated: nothing to say then.
  ${ifNot} ${isUpdated}
    ReadEnvStr $R0 PROGRAMDATA
    ${if} $R0 == ""
      StrCpy $R0 "C:\ProgramData"
    ${endIf}
    StrCpy $R1 "$R0\Online Safety Register"
    DetailPrint "The register's records are kept in $R1"
    ; /SD IDOK: a silent uninstall (by IT's deployment tools) does not stop to wait for a click.
    MessageBox MB_OK|MB_ICONINFORMATION "Online Safety Register is being removed from this computer. Its records are NOT deleted.$\r$\n$\r$\nThe records, backups and logs are kept, encrypted, in:$\r$\n$R1$\r$\n$\r$\nInstalling the app again opens them as they were. To move them to another computer, use a backup from the app (Backups) and restore it there. Delete this folder only if the school has decided to destroy the records, and only after making a backup." /SD IDOK
  ${endIf}
!macroend
