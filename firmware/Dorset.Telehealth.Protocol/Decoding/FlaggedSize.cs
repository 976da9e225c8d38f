namespace Dorset.Telehealth.Protocol.Decoding
{
    /// <summary>The bytes a record occupies, given its flags byte (each characteristic's layout rule).</summary>
    public delegate int FlaggedSize(int flags);
}
