using CodexRelay.Testing.Storage;

namespace CodexRelay.Integration.Tests;

/// <summary>
/// The one Redis the <c>[Collection(RedisCollection.Name)]</c> tests share. xUnit 2 reads collection definitions only
/// from the test assembly, so the one beside <see cref="RedisFixture"/> in CodexRelay.Testing is not enough.
/// </summary>
[CollectionDefinition(RedisCollection.Name)]
public sealed class RedisCollectionDefinition : ICollectionFixture<RedisFixture>;
