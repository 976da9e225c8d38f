using System;
using System.Reflection;
using Dorset.Telehealth.Cloud.Storage;

namespace Dorset.Telehealth.Cloud.Tests.Fakes;

/// <summary>A real store whose audit table cannot be written: every other call goes through to it.</summary>
public class AuditDownStore : DispatchProxy
{
    private ICloudStore _inner = null!;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public static ICloudStore Over(ICloudStore inner)
    {
        ICloudStore proxy = Create<ICloudStore, AuditDownStore>();
        ((AuditDownStore)(object)proxy)._inner = inner;
        return proxy;
    }

    /// <inheritdoc/>
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod!.Name == nameof(IAuditLog.AppendAuditAsync))
        {
            throw new Microsoft.Data.Sqlite.SqliteException("disk I/O error", 10);
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException != null)
        {
            throw e.InnerException;
        }
    }
}
