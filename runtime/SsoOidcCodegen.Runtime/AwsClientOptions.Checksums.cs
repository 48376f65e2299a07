namespace SsoOidcCodegen.Runtime;

/// <content>The checksum settings of the <c>httpChecksum</c> trait.</content>
public partial class AwsClientOptions
{
    /// <summary>
    /// When request checksums are computed. When null: <c>AWS_REQUEST_CHECKSUM_CALCULATION</c>, then the profile's
    /// <c>request_checksum_calculation</c> in the shared config file (<c>when_supported</c> or <c>when_required</c>), then
    /// <see cref="Checksums.RequestChecksumCalculation.WhenSupported"/>, as in the AWS SDKs.
    /// </summary>
    public Checksums.RequestChecksumCalculation? RequestChecksumCalculation { get; set; }

    /// <summary>
    /// When response checksums are checked. When null: <c>AWS_RESPONSE_CHECKSUM_VALIDATION</c>, then the profile's
    /// <c>response_checksum_validation</c> in the shared config file, then
    /// <see cref="Checksums.ResponseChecksumValidation.WhenSupported"/>, as in the AWS SDKs.
    /// </summary>
    public Checksums.ResponseChecksumValidation? ResponseChecksumValidation { get; set; }
}
