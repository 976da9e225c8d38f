using System;

namespace Dorset.Telehealth.HomeUnit.Outbox
{
    /// <summary>
    /// The outbox log's header cannot be read, so the next outbox sequence is unknown. Starting again from 1 would make
    /// the gateway discard new readings as duplicates, so the unit goes to the fault state instead.
    /// </summary>
    public sealed class OutboxCorruptException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public OutboxCorruptException(string message)
            : base(message)
        {
        }
    }
}
