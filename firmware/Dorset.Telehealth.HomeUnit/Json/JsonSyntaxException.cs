using System;

namespace Dorset.Telehealth.HomeUnit.Json
{
    /// <summary>Malformed JSON, with the character offset where parsing stopped.</summary>
    public sealed class JsonSyntaxException : Exception
    {
        /// <summary>Creates the exception; the message ends with the offset.</summary>
        public JsonSyntaxException(string reason, int offset)
            : base(reason + " at offset " + offset)
        {
        }
    }
}
