using PubliekeVeranderaars.Core.Media;

// The replies go to standard output; anything a library would write there instead goes to standard error, where the
// site's own log shows it, rather than into a reply.
var replies = Console.OpenStandardOutput();
Console.SetOut(Console.Error);
return await MediaImageWorker.ServeAsync(Console.OpenStandardInput(), replies);
