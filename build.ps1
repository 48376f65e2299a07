<#
.SYNOPSIS
    Builds SsoOidcCodegen: restore, build, regenerate generated/, pack, and run the login sample.

.DESCRIPTION
    Runs one target of the project's build. The default target is the main job a newcomer runs on a
    fresh machine: it restores, builds the solution, regenerates the committed SSO OIDC client under
    generated/src from model/, packs the SsoOidcCodegen package into artifacts/packages, and runs the
    login sample. Any failing step stops the script with a non-zero exit code and names the step.

.PARAMETER Target
    Default   restore, build, regen, pack, then run the login sample.
    Test      run every test (dotnet test SsoOidcCodegen.sln).
    Pack      write the SsoOidcCodegen .nupkg and the sso-login and sso-local-service tool packages to artifacts/packages.
    Regen     regenerate generated/src from model/ (after a model or generator change).
    Bench     run the benchmarks (add -Quick for the short run that prints one line per figure).
    Fuzz      run the fuzz tests (dotnet test --filter Category=Fuzz) with large counts: -ModelCases
              mutated models (default 100,000) and -ResponseCases hostile responses (default 100,000)
              within -Seconds (default 3,600); -Seed picks another sequence of cases.
    Soak      run the soak test (dotnet test --filter Category=Soak): sso-login again and again against the
              local service with random faults for -Seconds (default 600), two logins at a time; prints
              the logins, the errors by kind, the cache checks and the faults injected.

.PARAMETER Configuration
    Debug or Release (Release by default for Pack and Bench, Debug otherwise).

.PARAMETER Quick
    With -Target Bench: a short run that prints one line per figure (on 2 cores: client and DynamoDB about
    2 minutes, the generator about 5, the consumer builds about 8; docs/benchmarks.md has the rest).

.PARAMETER ModelCases
    With -Target Fuzz: how many mutated models to run (SSOOIDC_FUZZ_MODEL_CASES).

.PARAMETER ResponseCases
    With -Target Fuzz: how many hostile responses to run (SSOOIDC_FUZZ_RESPONSE_CASES).

.PARAMETER Seconds
    With -Target Fuzz: the time budget of each fuzz test (SSOOIDC_FUZZ_SECONDS). With -Target Soak: how
    long the soak runs (SSOOIDC_SOAK_SECONDS; default 600).

.PARAMETER Seed
    With -Target Fuzz: the seed of the case sequence (SSOOIDC_FUZZ_SEED); the default is the CI seed.

.EXAMPLE
    dotnet pwsh ./build.ps1

.EXAMPLE
    dotnet pwsh ./build.ps1 -Target Regen

.EXAMPLE
    dotnet pwsh ./build.ps1 bench -Quick

.EXAMPLE
    dotnet pwsh ./build.ps1 fuzz -ModelCases 100000 -ResponseCases 100000 -Seconds 7200

.EXAMPLE
    dotnet pwsh ./build.ps1 soak -Seconds 600
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Default', 'Test', 'Pack', 'Regen', 'Bench', 'Fuzz', 'Soak')]
    [string] $Target = 'Default',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration,

    [switch] $Quick,

    [ValidateRange(1, [int]::MaxValue)]
    [int] $ModelCases = 100000,

    [ValidateRange(1, [int]::MaxValue)]
    [int] $ResponseCases = 100000,

    [ValidateRange(1, [int]::MaxValue)]
    [int] $Seconds = 3600,

    [int] $Seed = 0
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
Set-Location $root
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Invoke-Step {
    param([string] $Name, [scriptblock] $Action)
    Write-Host "==> $Name" -ForegroundColor Cyan
    & $Action
    if ($LASTEXITCODE -ne 0) {
        Write-Host "build.ps1: step '$Name' failed (exit code $LASTEXITCODE)." -ForegroundColor Red
        exit $LASTEXITCODE
    }
}

function Invoke-Restore { Invoke-Step 'restore' { dotnet restore SsoOidcCodegen.sln } }

function Invoke-Build([string] $config) {
    Invoke-Step "build ($config)" { dotnet build SsoOidcCodegen.sln -c $config --no-restore }
}

function Invoke-Regen([string] $config) {
    $generated = Join-Path $root 'generated/src'
    if (Test-Path $generated) { Remove-Item -Recurse -Force $generated }
    Invoke-Step 'regen generated/src' { dotnet build generated/SsoOidcCodegen.Generated.csproj -c $config --no-incremental }
    Write-Host "generated/src now holds $((Get-ChildItem -Recurse -File $generated).Count) files."
}

function Invoke-Pack {
    Invoke-Step 'pack' { dotnet pack runtime/SsoOidcCodegen.Runtime/SsoOidcCodegen.Runtime.csproj -c Release -o (Join-Path $root 'artifacts/packages') }
    # The two dotnet tools: `dotnet tool install -g sso-login --add-source artifacts/packages`.
    Invoke-Step 'pack sso-login' { dotnet pack samples/SsoLogin/SsoLogin.csproj -c Release -o (Join-Path $root 'artifacts/packages') }
    Invoke-Step 'pack sso-local-service' { dotnet pack samples/SsoOidc.LocalService/SsoOidc.LocalService.csproj -c Release -o (Join-Path $root 'artifacts/packages') }
    Get-ChildItem (Join-Path $root 'artifacts/packages') -Filter *.nupkg | ForEach-Object { Write-Host "package: $($_.FullName)" }
}

function Invoke-Sample([string] $config) {
    Invoke-Step 'run the login sample' { dotnet run --project samples/SsoLogin/SsoLogin.csproj -c $config --no-build }
}

switch ($Target) {
    'Default' {
        $config = if ($Configuration) { $Configuration } else { 'Debug' }
        Invoke-Restore
        Invoke-Build $config
        Invoke-Regen $config
        Invoke-Pack
        Invoke-Sample $config
    }
    'Test' {
        Invoke-Step 'test' { dotnet test SsoOidcCodegen.sln }
    }
    'Pack' {
        Invoke-Pack
    }
    'Regen' {
        $config = if ($Configuration) { $Configuration } else { 'Debug' }
        Invoke-Regen $config
    }
    'Fuzz' {
        $env:SSOOIDC_FUZZ_MODEL_CASES = "$ModelCases"
        $env:SSOOIDC_FUZZ_RESPONSE_CASES = "$ResponseCases"
        $env:SSOOIDC_FUZZ_SECONDS = "$Seconds"
        if ($Seed -ne 0) { $env:SSOOIDC_FUZZ_SEED = "$Seed" }
        $shared = Join-Path (Split-Path $root -Parent) 'shared'
        if (-not $env:AWS_MODELS_DIR) { $env:AWS_MODELS_DIR = Join-Path $shared 'aws/models' }
        $config = if ($Configuration) { $Configuration } else { 'Release' }
        Invoke-Step 'fuzz' { dotnet test tests/SsoOidcCodegen.Tests -c $config --filter 'Category=Fuzz' --logger 'console;verbosity=detailed' }
    }
    'Soak' {
        $env:SSOOIDC_SOAK_SECONDS = if ($PSBoundParameters.ContainsKey('Seconds')) { "$Seconds" } else { '600' }
        $config = if ($Configuration) { $Configuration } else { 'Release' }
        Invoke-Step 'soak' { dotnet test tests/SsoOidcCodegen.Tests -c $config --filter 'Category=Soak' --logger 'console;verbosity=detailed' }
    }
    'Bench' {
        $project = Join-Path $root 'tests/SsoOidcCodegen.Benchmarks/SsoOidcCodegen.Benchmarks.csproj'
        if (-not (Test-Path $project)) {
            Write-Host 'build.ps1: the benchmark project tests/SsoOidcCodegen.Benchmarks does not exist yet.' -ForegroundColor Red
            exit 1
        }
        $benchArgs = @()
        if ($Quick) { $benchArgs += '--quick' }
        Invoke-Step 'bench' { dotnet run -c Release --project $project -- @benchArgs }
    }
}
Write-Host "build.ps1: $Target done." -ForegroundColor Green
