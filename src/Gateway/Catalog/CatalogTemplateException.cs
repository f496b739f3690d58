namespace CodexRelay.Gateway.Catalog;

/// <summary>No template entry could be obtained; the message tells the operator what to do.</summary>
internal sealed class CatalogTemplateException(string message, Exception? inner = null) : Exception(message, inner);
