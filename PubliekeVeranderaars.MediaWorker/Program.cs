using PubliekeVeranderaars.Core.Media;
using PubliekeVeranderaars.MediaWorker;

var replies = MediaWorkerProcess.TakeStandardOutput();
MediaWorkerProcess.EndWithTheSite(args);
return await MediaImageWorker.ServeAsync(Console.OpenStandardInput(), replies);
