# Windows front end with build.sh's verbs. It cannot install libtorch for you: download a
# libtorch zip from pytorch.org and set $env:LIBTORCH_DIR to its folder first.
param([Parameter(Position = 0)][string]$Verb = "", [Parameter(ValueFromRemainingArguments)][string[]]$Rest)
$ErrorActionPreference = "Stop"
Set-Location $PSScriptRoot

function Build-Native {
    $torch = if ($env:LIBTORCH_DIR) { "-DLIBTORCH_DIR=$env:LIBTORCH_DIR" } else { "" }
    cmake -S native -B build/native -DCMAKE_BUILD_TYPE=Release $torch; if ($LASTEXITCODE) { exit $LASTEXITCODE }
    cmake --build build/native --config Release; if ($LASTEXITCODE) { exit $LASTEXITCODE }
}
function Build-Managed { dotnet build Interop.sln -c Release; if ($LASTEXITCODE) { exit $LASTEXITCODE } }
function Invoke-Generator([string[]]$Extra) {
    dotnet run --project bindings/Interop.Bindings -c Release -- --header native/include/itorch.h --library itorch `
        --namespace Interop.Torch.Native --class Itorch --output bindings/generated/Itorch.g.cs @Extra
    if ($LASTEXITCODE) { exit $LASTEXITCODE }
}

switch ($Verb) {
    "" { Build-Native; Build-Managed; dotnet run --project src/Interop.Cli -c Release --no-build -- demo }
    "test" {
        Build-Native; Build-Managed
        ctest --test-dir build/native -C Release --output-on-failure; if ($LASTEXITCODE) { exit $LASTEXITCODE }
        Invoke-Generator @("--check")
        dotnet test Interop.sln -c Release --no-build; exit $LASTEXITCODE
    }
    "bindings" { Invoke-Generator @() }
    "run" { Build-Native; Build-Managed; dotnet run --project src/Interop.Cli -c Release --no-build -- @Rest }
    default { Write-Error "usage: ./build.ps1 [test | bindings | run ARGS...]"; exit 2 }
}
