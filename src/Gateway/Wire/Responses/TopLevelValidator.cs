using System.Text.Json;
using CodexRelay.Gateway.Failures;

namespace CodexRelay.Gateway.Wire.Responses;

/// <summary>
/// The fields of the Responses API the relay reads no further (or only passes on): checked as OpenAI checks them, so
/// a request that would fail there fails here too, naming its <c>param</c>, instead of a silent 200.
/// </summary>
internal static class TopLevelValidator
{
    public static void Validate(JsonElement root)
    {
        if (JsonFields.Optional(root, "include", "include", JsonValueKind.Array) is { } include)
        {
            var index = 0;
            foreach (var entry in include.EnumerateArray())
            {
                var path = $"include[{index++}]";
                if (entry.ValueKind != JsonValueKind.String)
                {
                    throw new RequestValidationException($"Invalid type for '{path}': expected a string, got {JsonFields.Describe(entry.ValueKind)}.", path);
                }

                if (!KnownValues.Include.Contains(entry.GetString()!))
                {
                    throw JsonFields.InvalidValue(path, entry.GetString()!, string.Join(", ", KnownValues.Include.Order(StringComparer.Ordinal)));
                }
            }
        }

        foreach (var name in (ReadOnlySpan<string>)["prompt_cache_key", "user", "safety_identifier", "previous_response_id", "instructions"])
        {
            JsonFields.CheckString(root, name, null, required: false);
        }

        OneOf(root, "service_tier", KnownValues.ServiceTiers);
        OneOf(root, "truncation", KnownValues.Truncation);
        foreach (var name in (ReadOnlySpan<string>)["background", "parallel_tool_calls", "store", "stream"])
        {
            JsonFields.Optional(root, name, name, JsonValueKind.True);
        }

        Integer(root, "max_tool_calls", 1, int.MaxValue);
        Integer(root, "max_output_tokens", 1, int.MaxValue);
        Integer(root, "top_logprobs", 0, 20);
        Number(root, "temperature", 0, 2);
        Number(root, "top_p", 0, 1);
        ValidateMetadata(root);
        if (JsonFields.Optional(root, "reasoning", "reasoning", JsonValueKind.Object) is { } reasoning)
        {
            JsonFields.CheckString(reasoning, "effort", "reasoning", required: false);
            JsonFields.CheckString(reasoning, "summary", "reasoning", required: false);
        }

        if (JsonFields.Optional(root, "text", "text", JsonValueKind.Object) is { } text)
        {
            JsonFields.CheckString(text, "verbosity", "text", required: false);
            JsonFields.Optional(text, "format", "text.format", JsonValueKind.Object);
        }
    }

    private static void OneOf(JsonElement root, string name, System.Collections.Frozen.FrozenSet<string> values)
    {
        if (JsonFields.OptionalString(root, name, name) is { } value && !values.Contains(value))
        {
            throw JsonFields.InvalidValue(name, value, string.Join(", ", values.Order(StringComparer.Ordinal)));
        }
    }

    private static void Integer(JsonElement root, string name, int min, int max)
    {
        if (JsonFields.Optional(root, name, name, JsonValueKind.Number) is { } value
            && (!value.TryGetInt64(out var number) || number < min || number > max))
        {
            throw new RequestValidationException($"Invalid value for '{name}': expected an integer from {min} to {max}.", name);
        }
    }

    private static void Number(JsonElement root, string name, double min, double max)
    {
        if (JsonFields.Optional(root, name, name, JsonValueKind.Number) is { } value
            && (!value.TryGetDouble(out var number) || !double.IsFinite(number) || number < min || number > max))
        {
            throw new RequestValidationException($"Invalid value for '{name}': expected a number from {min} to {max}.", name);
        }
    }

    /// <summary>As the API: at most 16 pairs, keys up to 64 characters, string values up to 512.</summary>
    private static void ValidateMetadata(JsonElement root)
    {
        if (JsonFields.Optional(root, "metadata", "metadata", JsonValueKind.Object) is not { } metadata)
        {
            return;
        }

        var count = 0;
        foreach (var pair in metadata.EnumerateObject())
        {
            if (++count > KnownValues.MetadataPairs)
            {
                throw new RequestValidationException($"Invalid 'metadata': at most {KnownValues.MetadataPairs} pairs.", "metadata");
            }

            if (pair.Name.Length > KnownValues.MetadataKeyLength)
            {
                throw new RequestValidationException($"Invalid 'metadata': keys are at most {KnownValues.MetadataKeyLength} characters.", "metadata");
            }

            if (pair.Value.ValueKind != JsonValueKind.String || pair.Value.GetString()!.Length > KnownValues.MetadataValueLength)
            {
                throw new RequestValidationException($"Invalid 'metadata.{FailureText.Quote(pair.Name)}': values are strings of at most {KnownValues.MetadataValueLength} characters.", "metadata");
            }
        }
    }
}
