#!/usr/bin/env bash
# Writes docs/screenshots/ anew from the browser tests: what the README links to. A normal test run (./test.sh) keeps
# its screenshots with the test output and leaves the repository as it was; run this when screens changed, look at
# the pictures, and commit them. The browser tests run on SQLite only; Chromium comes from Debian (./test.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export PV_SCREENSHOTS="$(pwd)/docs/screenshots"
dotnet build tests/PubliekeVeranderaars.Browser.Tests -nologo -v quiet
dotnet test tests/PubliekeVeranderaars.Browser.Tests --no-build -nologo
git status --short docs/screenshots
