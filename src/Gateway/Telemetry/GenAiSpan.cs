using System.Diagnostics;

namespace CodexRelay.Gateway.Telemetry;

/// <summary>
/// The span of one model call, with the GenAI semantic-convention attributes (provider, requested and served model,
/// tokens, finish reason) and never prompt or output text. The upstream HTTP span nests under it.
/// </summary>
internal static class GenAiSpan
{
    public static Activity? Start(RequestMeasure measure, string requestedModel)
    {
        var activity = RelayTelemetry.Source.StartActivity("chat " + requestedModel, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("gen_ai.operation.name", "chat");
            activity.SetTag("gen_ai.request.model", requestedModel);
            activity.SetTag("codexrelay.tenant", measure.Tenant);
        }

        return activity;
    }

    /// <summary>The provider that answered (after any fallback) and the model it was asked for.</summary>
    public static void Served(Activity? activity, RequestMeasure measure)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("gen_ai.provider.name", measure.Provider);
            activity.SetTag("gen_ai.response.model", measure.ServedModel);
        }
    }

    public static void End(Activity? activity, RequestMeasure measure, bool failed)
    {
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }

        if (measure.FinishReason is { } finish)
        {
            activity.SetTag("gen_ai.response.finish_reasons", new[] { finish });
        }

        activity.SetTag("gen_ai.provider.name", measure.Provider);
        activity.SetTag("gen_ai.usage.input_tokens", measure.InputTokens);
        activity.SetTag("gen_ai.usage.output_tokens", measure.OutputTokens);
        if (failed)
        {
            activity.SetStatus(ActivityStatusCode.Error, measure.ErrorCode);
            activity.SetTag("error.type", measure.ErrorCode ?? "error");
        }
    }
}
