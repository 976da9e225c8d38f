namespace Dorset.Telehealth.TestSupport;

/// <summary>What a <see cref="TcpFaultProxy"/> does to its connections while the fault lasts (netem is not available here).</summary>
public enum TcpFault
{
    /// <summary>Bytes pass both ways.</summary>
    None,

    /// <summary>Every connection, open or new, is closed at once (FIN); bytes in flight are lost.</summary>
    Drop,

    /// <summary>Connections stay open but no byte moves either way until the fault is cleared.</summary>
    Stall,

    /// <summary>Every connection, open or new, is reset (RST).</summary>
    Reset,

    /// <summary>Bytes move in pieces of <see cref="TcpFaultProxy.SlowPieceBytes"/> with a pause between pieces.</summary>
    Slow,

    /// <summary>The client's side is shut for sending: it reads end of stream while what it writes still goes upstream.</summary>
    HalfClose,
}
