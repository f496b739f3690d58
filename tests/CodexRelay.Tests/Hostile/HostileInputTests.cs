using System.Text.Json;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Wire.Responses;
using CodexRelay.Testing.Hostile;

namespace CodexRelay.Tests.Hostile;

/// <summary>
/// Every hostile input is either rejected with an OpenAI-shaped 400 naming what is wrong, or translated;
/// none throws (a throw would be a 500). Runs the same read → validate → translate path as the endpoint.
/// </summary>
public sealed class HostileInputTests
{
    [Fact]
    public void Corpus_HasAtLeast500Mutations()
    {
        Assert.True(MutationCorpus.Build().Count >= 500, $"only {MutationCorpus.Build().Count}");
    }

    [Fact]
    public void EveryMutation_IsRejectedWith400OrTranslated_NeverThrows()
    {
        var failures = new List<string>();
        foreach (var mutation in MutationCorpus.Build().Where(m => m.IsCreate))
        {
            int status;
            try
            {
                status = Handle(mutation.Body);
            }
            catch (Exception exception)
            {
                failures.Add($"{mutation.Name}: threw {exception.GetType().Name}: {exception.Message}");
                continue;
            }

            var ok = mutation.Expectation switch
            {
                Expectation.MustReject => status == 400,
                Expectation.MustAccept => status == 200,
                _ => status is 200 or 400,
            };
            if (!ok)
            {
                failures.Add($"{mutation.Name}: expected {mutation.Expectation}, got {status}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
    }

    private static int Handle(byte[] body)
    {
        if (!RequestDocument.TryParse(body, out var document, out var parseError))
        {
            Assert.Equal("invalid_json", parseError!.Code);
            return parseError.Status;
        }

        using (document)
        {
            if (!ResponsesRequestReader.TryRead(document.RootElement, out var request, out var error))
            {
                Assert.False(string.IsNullOrEmpty(error!.Message));
                return error.Status;
            }

            var translated = ChatRequestTranslator.ToChatRequest(request, [], new TranslationSettings());
            _ = translated.Body.ToJsonString();
            return 200;
        }
    }
}
