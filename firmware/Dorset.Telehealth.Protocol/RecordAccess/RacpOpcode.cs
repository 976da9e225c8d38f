namespace Dorset.Telehealth.Protocol.RecordAccess
{
    /// <summary>Record Access Control Point op codes (GLS 1.0 / PLXS 1.0, RACP).</summary>
    public enum RacpOpcode
    {
        /// <summary>Report stored records (the records arrive as measurement notifications/indications).</summary>
        ReportStoredRecords = 1,

        /// <summary>Delete stored records.</summary>
        DeleteStoredRecords = 2,

        /// <summary>Abort the operation in progress.</summary>
        Abort = 3,

        /// <summary>Report the number of stored records.</summary>
        ReportNumberOfRecords = 4,

        /// <summary>Response: number of stored records (u16 operand).</summary>
        NumberOfRecordsResponse = 5,

        /// <summary>Response: request op code and response code.</summary>
        ResponseCode = 6,
    }
}
