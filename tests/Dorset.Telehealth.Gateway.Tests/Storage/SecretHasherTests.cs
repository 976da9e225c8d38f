using Dorset.Telehealth.Gateway.Storage;

namespace Dorset.Telehealth.Gateway.Tests.Storage;

public sealed class SecretHasherTests
{
    [Fact]
    public void Verify_SameSecret_IsTrue()
    {
        string secret = SecretHasher.NewSecret();
        string stored = SecretHasher.Hash(secret);

        Assert.True(SecretHasher.Verify(secret, stored));
    }

    [Fact]
    public void Verify_OtherSecret_IsFalse()
    {
        string stored = SecretHasher.Hash(SecretHasher.NewSecret());

        Assert.False(SecretHasher.Verify(SecretHasher.NewSecret(), stored));
    }

    [Theory]
    [InlineData("")]
    [InlineData("pbkdf2-sha256$abc$AAAA$AAAA")]
    [InlineData("md5$1$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$1000$not-base64!$AAAA")]
    [InlineData("sha256:")]
    [InlineData("sha256:zz")]
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
