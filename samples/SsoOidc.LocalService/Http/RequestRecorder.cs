namespace SsoOidc.LocalService.Http;

using System.Collections.Generic;
using System.Threading;
using SsoOidc.LocalService;

/// <summary>The requests the service has received, in arrival order. Thread-safe.</summary>
internal sealed class RequestRecorder
{
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];

    public void Add(RecordedRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }

    /// <summary>A copy: later requests do not change a snapshot a caller is iterating.</summary>
    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
        {
            return _requests.ToArray();
        }
    }
}
