"""Prints the digest of .NET crash reports (DOTNET_EnableCrashReport): the crashing thread's frames, native and
managed, then the managed frames of this project's code on every other thread (the tests that were running)."""
import json
import sys


def frame(f):
    if f.get("is_managed") == "true":
        return f.get("method_name") or "<managed frame>"
    return f"{f.get('native_module', '?')}!{f.get('unmanaged_name', f.get('native_address', '?'))}"


for path in sys.argv[1:]:
    payload = json.load(open(path, encoding="utf-8"))["payload"]
    threads = payload.get("threads", [])
    print(f"crash report {path}: process {payload.get('process_name')}, {len(threads)} threads")
    for thread in threads:
        if thread.get("crashed") == "true":
            exception = thread.get("managed_exception_type")
            print(f"  crashing thread {thread.get('native_thread_id')}" + (f", managed exception {exception}" if exception else ""))
            for f in thread.get("stack_frames", [])[:60]:
                print("    " + frame(f))
    for thread in threads:
        if thread.get("crashed") == "true":
            continue
        ours = [frame(f) for f in thread.get("stack_frames", []) if f.get("is_managed") == "true" and "SsoOidc" in (f.get("method_name") or "")]
        if ours:
            print(f"  thread {thread.get('native_thread_id')}:")
            for name in ours[:12]:
                print("    " + name)
