using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace PubliekeVeranderaars.MediaWorker;

/// <summary>What makes this process a well-behaved worker of the site, whatever the code it runs does.</summary>
internal static class MediaWorkerProcess
{
    private const int StandardOutput = 1;
    private const int StandardError = 2;
    private static readonly TimeSpan ParentCheckPeriod = TimeSpan.FromSeconds(1);
    private const int OrphanedExitCode = 3;
    private static Timer? s_parentCheck;

    /// <summary>
    /// The replies' stream: the standard output as the site started it. Standard output itself then goes to standard
    /// error, so that whatever a library writes there (GLib's info and debug messages go to standard output, in
    /// native code that <see cref="Console.SetOut"/> does not reach) lands in the site's log instead of in a reply.
    /// </summary>
    public static Stream TakeStandardOutput()
    {
        Console.SetOut(Console.Error);
        if (!OperatingSystem.IsLinux()) return Console.OpenStandardOutput();
        var replies = Dup(StandardOutput);
        if (replies < 0 || Dup2(StandardError, StandardOutput) < 0) throw new IOException("The worker could not set its standard output aside.");
        // A file stream, not a pipe stream: the site gives a pipe, but a person trying the worker may give a file.
        return new FileStream(new SafeFileHandle(replies, ownsHandle: true), FileAccess.Write, bufferSize: 0);
    }

    /// <summary>
    /// Ends this process when the site that started it is gone (killed, crashed), even while an image is being
    /// decoded: between images the end of the input says so, within one nothing would. The site gives its process id
    /// as the first argument: a parent that is not the site, already at the start, is a site that is gone.
    /// </summary>
    public static void EndWithTheSite(string[] args)
    {
        if (!OperatingSystem.IsLinux()) return;
        var site = args is [var id, ..] && int.TryParse(id, out var given) ? given : GetParentProcessId();
        s_parentCheck = new Timer(_ =>
        {
            if (GetParentProcessId() != site) Environment.Exit(OrphanedExitCode);
        }, null, TimeSpan.Zero, ParentCheckPeriod);
    }

    [DllImport("libc.so.6", EntryPoint = "dup", SetLastError = true)]
    private static extern int Dup(int descriptor);

    [DllImport("libc.so.6", EntryPoint = "dup2", SetLastError = true)]
    private static extern int Dup2(int descriptor, int target);

    [DllImport("libc.so.6", EntryPoint = "getppid")]
    private static extern int GetParentProcessId();
}
