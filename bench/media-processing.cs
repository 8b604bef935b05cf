#:project ../PubliekeVeranderaars.Core/PubliekeVeranderaars.Core.csproj
#:property PublishAot=false
// Image processing as the site does it, in one process per scenario so each peak memory figure is its own (the
// photos are made beforehand, by another process, so their making is not in the figures):
//   dotnet run bench/media-processing.cs -c Release -- photo W H FILE     writes a photo-like JPEG of W × H
//   dotnet run bench/media-processing.cs -c Release -- resize12 FILE      re-encode and first 1200 px variant of a 12 MP photo
//   dotnet run bench/media-processing.cs -c Release -- reencode40 FILE    a 40 MP photo's upload (header check + re-encode)
//   dotnet run bench/media-processing.cs -c Release -- uploads50 DIR      50 uploads of the photos in DIR through the media library (SQLite)
// Prints wall time and the process's peak resident memory (VmHWM) and resident memory at the end (VmRSS).
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using NetVips;
using PubliekeVeranderaars.Core.Media;
using PubliekeVeranderaars.Core.Storage;

var scenario = args.FirstOrDefault() ?? "resize12";
var work = Directory.CreateTempSubdirectory("pv-media-bench-").FullName;
try
{
    switch (scenario)
    {
        case "photo":
        {
            File.WriteAllBytes(args[3], Photo(int.Parse(args[1]), int.Parse(args[2])));
            break;
        }
        case "resize12":
        {
            var photo = File.ReadAllBytes(args[1]);
            var clock = Stopwatch.StartNew();
            var stored = MediaImages.Reencode(photo, MediaFileKind.Jpeg, new MediaLimits());
            var reencoded = clock.Elapsed;
            var original = Path.Combine(work, "original.jpg");
            File.WriteAllBytes(original, stored.Content);
            clock.Restart();
            var variant = MediaImages.Render(original, stored.Width, stored.Height, new MediaVariant(1200, null, MediaFocalPoint.Centre, MediaVariantFormat.WebP));
            var webp = clock.Elapsed;
            clock.Restart();
            var avif = MediaImages.Render(original, stored.Width, stored.Height, new MediaVariant(1200, null, MediaFocalPoint.Centre, MediaVariantFormat.Avif));
            Report($"12 MP JPEG ({photo.Length / 1024 / 1024.0:0.0} MB): re-encode {reencoded.TotalMilliseconds:0} ms, first 1200 px WebP {webp.TotalMilliseconds:0} ms ({variant.Length / 1024} KB), " +
                $"AVIF {clock.Elapsed.TotalMilliseconds:0} ms ({avif.Length / 1024} KB)");
            break;
        }
        case "reencode40":
        {
            var photo = File.ReadAllBytes(args[1]);
            var clock = Stopwatch.StartNew();
            var stored = MediaImages.Reencode(photo, MediaFileKind.Jpeg, new MediaLimits());
            Report($"40 MP JPEG ({photo.Length / 1024 / 1024.0:0.0} MB): re-encode {clock.Elapsed.TotalMilliseconds:0} ms ({stored.Width} × {stored.Height})");
            break;
        }
        case "uploads50":
        {
            var database = new SiteDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(work, "bench.db")}");
            await database.MigrateAsync();
            var notifications = new SiteNotifications([], NullLogger<SiteNotifications>.Instance);
            await using var writer = new SiteWriter(database, notifications, TimeProvider.System, NullLogger<SiteWriter>.Instance);
            var library = new MediaLibrary(writer, new FolderMediaFileStore(Path.Combine(work, "media")), new MediaLimits());
            var photos = Directory.GetFiles(args[1], "*.jpg").Order().Select(File.ReadAllBytes).ToList();
            var sizes = photos.Average(p => p.Length) / 1024 / 1024;
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 50; i++)
            {
                var result = await library.UploadAsync($"foto-{i}.jpg", photos[i % photos.Count], null, Actor.System);
                if (!result.Succeeded) throw new InvalidOperationException(string.Join(", ", result.Errors.Values));
            }
            Report($"50 uploads of {sizes:0.0} MB photos: {clock.Elapsed.TotalSeconds:0.0} s, {clock.Elapsed.TotalMilliseconds / 50:0} ms each");
            break;
        }
        default:
            Console.Error.WriteLine("scenarios: photo W H FILE, resize12 FILE, reencode40 FILE, uploads50 DIR");
            return 2;
    }
    return 0;
}
finally
{
    Directory.Delete(work, recursive: true);
}

// A photo-like JPEG: noise softened into grain compresses about as a camera's photo does (0.3–0.7 bytes a pixel).
static byte[] Photo(int width, int height)
{
    using var noise = Image.Gaussnoise(width, height, sigma: 22, mean: 128);
    using var soft = noise.Gaussblur(0.8);
    using var colour = soft.Bandjoin(soft.Flip(Enums.Direction.Horizontal), soft.Flip(Enums.Direction.Vertical));
    using var bytes = colour.Cast(Enums.BandFormat.Uchar);
    // About 5 MB at 12 megapixels at quality 90, as a phone camera writes them (the issue's "5 MB photos").
    return bytes.JpegsaveBuffer(q: 90);
}

static void Report(string what)
{
    var status = File.ReadAllLines("/proc/self/status");
    string Field(string name) => status.First(l => l.StartsWith(name + ":")).Split(':')[1].Trim();
    Console.WriteLine($"{what}; peak resident {Field("VmHWM")}, resident at the end {Field("VmRSS")}");
}
