using System;

namespace Dorset.Telehealth.Chaos;

/// <summary>The run cannot start here (a tool missing); the message says which and how to get it.</summary>
public sealed class ChaosUnavailableException(string message) : Exception(message);
