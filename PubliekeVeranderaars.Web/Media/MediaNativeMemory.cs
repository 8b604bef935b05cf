using System.Runtime.InteropServices;

namespace PubliekeVeranderaars.Web.Media;

/// <summary>
/// libvips decodes and encodes images in native memory on several threads: in the image workers by default (their
/// start sets <c>MALLOC_ARENA_MAX=2</c>), in the site itself with <c>Media:ImageWorkers</c> 0. glibc gives each thread
/// that allocates under contention its own arena (up to eight per core) and keeps what those arenas freed, so a site
/// that took 50 photo uploads in its own process kept 235 MB more than before them; with two arenas, 111 MB
/// (bench/README.md). This is what <c>MALLOC_ARENA_MAX=2</c> does, set from inside so that a plain <c>dotnet run</c>
/// gets it too. Must run before the threads that will call libvips allocate; a no-op where the C library is not glibc.
/// </summary>
public static partial class MediaNativeMemory
{
    /// <summary>glibc's <c>M_ARENA_MAX</c> option of <c>mallopt</c>.</summary>
    private const int MallocArenaMax = -8;
    public const int Arenas = 2;

    public static void LimitArenas()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is { Length: > 0 }) return;
        try
        {
            MallOpt(MallocArenaMax, Arenas);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl on Alpine has no such arenas): nothing to limit.
        }
    }

    /// <summary>
    /// Gives the pages the arenas freed back to the system. An upload frees tens of megabytes of decoded pixels at
    /// once; glibc would keep them for the next allocation of that thread, which may never come.
    /// </summary>
    public static void ReturnFreedMemory()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }

    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    private static extern int MallOpt(int parameter, int value);

    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
