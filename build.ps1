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
# As in build.sh: the CUDA suites where the shim has CUDA and the machine a GPU, else the suites
# that check every CUDA request is refused clearly.
function Test-Cuda {
    (Select-String -Quiet -Path build/native/CMakeCache.txt -Pattern '^ITORCH_CUDA_BUILT:INTERNAL=ON$') -and
        (Get-Command nvidia-smi -ErrorAction SilentlyContinue) -and ((nvidia-smi -L 2>$null) -ne $null)
}
function Build-Managed { dotnet build Interop.sln -c Release; if ($LASTEXITCODE) { exit $LASTEXITCODE } }
function Invoke-Generator([string[]]$Extra) {
    dotnet build bindings/Interop.Bindings -c Release; if ($LASTEXITCODE) { exit $LASTEXITCODE }
    $generator = @("run", "--project", "bindings/Interop.Bindings", "-c", "Release", "--no-build", "--")
    dotnet @generator ops --root . @Extra; if ($LASTEXITCODE) { exit $LASTEXITCODE }
    foreach ($abi in @(@("itorch.h", "itorch", "Itorch"), @("itorch_ops.h", "itorch", "ItorchOps"),
                       @("itorch_bench.h", "itorch_bench", "ItorchBench"), @("itorch_dist.h", "itorch", "ItorchDist"))) {
        dotnet @generator --header "native/include/$($abi[0])" --library $abi[1] --namespace Interop.Torch.Native `
            --class $abi[2] --output "bindings/generated/$($abi[2]).g.cs" @Extra
        if ($LASTEXITCODE) { exit $LASTEXITCODE }
    }
}

switch ($Verb) {
    "" {
        Build-Native; Build-Managed
        dotnet run --project src/Interop.Cli -c Release --no-build -- demo; if ($LASTEXITCODE) { exit $LASTEXITCODE }
        dotnet run --project src/Interop.Cli -c Release --no-build -- bench --quick --out build/bench; exit $LASTEXITCODE
    }
    "test" {
        Build-Native; Build-Managed
        $cuda = Test-Cuda
        $nativeExclude = if ($cuda) { '^NoCuda\.' } else { '^Cuda\.' }
        $managedFilter = if ($cuda) { @("--filter", "Category!=NoCuda") } else { @() }
        ctest --test-dir build/native -C Release --output-on-failure -E $nativeExclude; if ($LASTEXITCODE) { exit $LASTEXITCODE }
        Invoke-Generator @("--check")
        dotnet test Interop.sln -c Release --no-build @managedFilter; if ($LASTEXITCODE) { exit $LASTEXITCODE }
        # The CUDA tests are a program of their own (tests/Interop.Cuda.Tests).
        if ($cuda) { dotnet tests/Interop.Cuda.Tests/bin/Release/net10.0/Interop.Cuda.Tests.dll -noColor }
        exit $LASTEXITCODE
    }
    "bindings" { Invoke-Generator @() }
    "run" { Build-Native; Build-Managed; dotnet run --project src/Interop.Cli -c Release --no-build -- @Rest }
    default { Write-Error "usage: ./build.ps1 [test | bindings | run ARGS...]"; exit 2 }
}
