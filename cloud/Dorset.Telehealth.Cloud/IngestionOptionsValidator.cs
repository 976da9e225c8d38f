using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Cloud;

/// <summary>
/// What <see cref="IngestionOptions"/>' ranges cannot say alone: a full batch of readings must fit the readings bucket,
/// or a gateway sending full batches would be refused for ever (a token bucket never holds more than its size).
/// </summary>
public sealed class IngestionOptionsValidator : IValidateOptions<IngestionOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, IngestionOptions options) =>
        options.ReadingsBurst < options.MaxBatchReadings
            ? ValidateOptionsResult.Fail($"IngestionOptions:ReadingsBurst ({options.ReadingsBurst}) must be at least MaxBatchReadings ({options.MaxBatchReadings})")
            : ValidateOptionsResult.Success;
}
