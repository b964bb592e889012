@echo off
rem Starts the sipas workbench in the browser; closing this window stops it.
set LANG=vi_VN.UTF-8
"%~dp0sipas.exe" serve
if errorlevel 1 pause
