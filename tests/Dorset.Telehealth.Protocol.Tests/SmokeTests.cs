namespace Dorset.Telehealth.Protocol.Tests;
public class SmokeTests { [Fact] public void Runs() { Assert.Equal(2, 1 + 1); } }
