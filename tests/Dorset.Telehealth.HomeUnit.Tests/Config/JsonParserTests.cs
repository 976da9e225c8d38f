using System.Collections;
using Dorset.Telehealth.HomeUnit.Json;

namespace Dorset.Telehealth.HomeUnit.Tests.Config;

public sealed class JsonParserTests
{
    [Fact]
    public void Parse_NestedDocument_GivesHashtablesArrayListsAndScalars()
    {
        Assert.True(JsonParser.TryParse("""{"a":[1,2.5,-3e2,"x\"y\u00e9"],"b":{"c":true,"d":null},"e":false}""", out object value, out string error), error);

        var root = Assert.IsType<Hashtable>(value);
        var a = Assert.IsType<ArrayList>(root["a"]);
        Assert.Equal(1L, a[0]);
        Assert.Equal(2.5, a[1]);
        Assert.Equal(-300.0, a[2]);
        Assert.Equal("x\"yé", a[3]);
        Assert.Equal(true, ((Hashtable)root["b"]!)["c"]);
        Assert.Null(((Hashtable)root["b"]!)["d"]);
        Assert.Equal(false, root["e"]);
    }

    [Theory]
    [InlineData("", "unexpected end at offset 0")]
    [InlineData("{\"a\":1,}", "expected a property name at offset 7")]
    [InlineData("[1 2]", "expected ',' or ']' at offset 3")]
    [InlineData("{\"a\":tru}", "expected 'true' at offset 5")]
    [InlineData("\"abc", "unexpected end at offset 4")]
    [InlineData("{} x", "unexpected text after the value at offset 3")]
    [InlineData("-", "malformed number at offset 0")]
    [InlineData("[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]", "nested deeper than 16 at offset 17")]
    public void Parse_Malformed_FailsNamingTheOffset(string json, string error)
    {
        Assert.False(JsonParser.TryParse(json, out object value, out string reason));
        Assert.Null(value);
        Assert.Equal(error, reason);
    }
}
