using System.Text;
using OrleansPlatform.Gateway.Api;

namespace OrleansPlatform.Gateway.Tests.Api;

public sealed class ActionRequestTests
{
    [Theory]
    [InlineData("""{"action":"\ud800","seq":1}""")]
    [InlineData("""{"action":"search","inputs":{"keyword":"\udfff"},"seq":1}""")]
    [InlineData("""{"action":"search","inputs":{"\ud800":"x"},"seq":1}""")]
    public void A_string_that_is_not_valid_unicode_is_a_400_naming_the_body_not_an_exception(string json)
    {
        var parsed = ActionRequest.TryParse(Encoding.UTF8.GetBytes(json), out var errors);

        Assert.Null(parsed);
        Assert.Equal(RequestBodies.InvalidTextMessage, Assert.Single(errors["body"]));
    }

    [Fact]
    public void A_valid_body_with_paired_surrogates_parses()
    {
        var parsed = ActionRequest.TryParse(Encoding.UTF8.GetBytes("""{"action":"search","inputs":{"keyword":"\ud83c\udf89 router"},"seq":3}"""), out var errors);

        Assert.Empty(errors);
        Assert.Equal("🎉 router", parsed!.Inputs["keyword"]);
        Assert.Equal(3, parsed.Seq);
    }
}
