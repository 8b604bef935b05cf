#:package NetVips
#:package NetVips.Native
// Makes the seed's images: abstract shapes in the network's colours, drawn here so the seed holds no third-party
// photo. Run from the repository root: dotnet run tools/generate-seed-images.cs
// Writes uSync/v17/Files/media/{folder}/{name}.jpg; the Media/*.config files beside them name these paths.
using NetVips;

var accent = new double[] { 0x1d, 0x3b, 0x8b };
var focus = new double[] { 0xff, 0xbf, 0x47 };
var muted = new double[] { 0xf3, 0xf4, 0xf7 };
var white = new double[] { 0xff, 0xff, 0xff };
var seeds = new (string Src, int Seed, double[] Background, double[] First, double[] Second)[]
{
    ("/media/pvseed01/netwerk-van-veranderaars.jpg", 1, accent, focus, white),
    ("/media/pvseed02/innovatielab.jpg", 2, muted, accent, focus),
    ("/media/pvseed03/leernetwerk.jpg", 3, focus, accent, white),
    ("/media/pvseed04/ambtenaren-in-beeld.jpg", 4, white, accent, focus),
};
foreach (var (src, seed, background, first, second) in seeds)
{
    const int width = 1600, height = 900;
    var random = new Random(seed);
    using var canvas = (Image.Black(width, height, bands: 3) + background).Cast(Enums.BandFormat.Uchar);
    using var image = canvas.Mutate(drawing =>
    {
        for (var i = 0; i < 9; i++)
            drawing.DrawCircle(i % 2 == 0 ? first : second, random.Next(0, width), random.Next(0, height), random.Next(60, 320), fill: i % 3 != 0);
        for (var i = 0; i < 4; i++)
            drawing.DrawRect(i % 2 == 0 ? second : first, random.Next(0, width - 400), random.Next(0, height - 200), random.Next(200, 600), random.Next(40, 120), fill: true);
    });
    var path = Path.Combine("uSync", "v17", "Files", src.TrimStart('/'));
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    image.Jpegsave(path, q: 85, optimizeCoding: true, interlace: true, keep: Enums.ForeignKeep.None);
    Console.WriteLine(path);
}
