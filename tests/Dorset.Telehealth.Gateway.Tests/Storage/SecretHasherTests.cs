using Dorset.Telehealth.Gateway.Storage;

namespace Dorset.Telehealth.Gateway.Tests.Storage;

public sealed class SecretHasherTests
{
    [Fact]
    public void Verify_SameSecret_IsTrue()
    {
        string secret = SecretHasher.NewSecret();
        string stored = SecretHasher.Hash(secret, iterations: 1000);

        Assert.True(SecretHasher.Verify(secret, stored));
    }

    [Fact]
    public void Verify_OtherSecret_IsFalse()
    {
        string stored = SecretHasher.Hash(SecretHasher.NewSecret(), iterations: 1000);

        Assert.False(SecretHasher.Verify(SecretHasher.NewSecret(), stored));
    }

    [Fact]
    public void Hash_SameSecretTwice_IsSaltedDifferently()
    {
        string secret = SecretHasher.NewSecret();

        Assert.NotEqual(SecretHasher.Hash(secret, 1000), SecretHasher.Hash(secret, 1000));
    }

    [Fact]
    public void Hash_DefaultIterations_AreStoredWithTheHash()
    {
        string stored = SecretHasher.Hash("s");

        Assert.StartsWith("pbkdf2-sha256$100000$", stored, System.StringComparison.Ordinal);
        Assert.DoesNotContain("s$", stored.Substring(stored.LastIndexOf('$')), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("pbkdf2-sha256$abc$AAAA$AAAA")]
    [InlineData("md5$1$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$1000$not-base64!$AAAA")]
    public void Verify_MalformedStoredValue_IsFalseNotThrow(string stored)
    {
        Assert.False(SecretHasher.Verify("secret", stored));
    }

    [Fact]
    public void NewSecret_Is256BitsBase64Url()
    {
        string secret = SecretHasher.NewSecret();

        Assert.Equal(43, secret.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", secret);
    }
}
