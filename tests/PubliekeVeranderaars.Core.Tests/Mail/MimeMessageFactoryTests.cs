using PubliekeVeranderaars.Core.Mail;

namespace PubliekeVeranderaars.Core.Tests.Mail;

public class MimeMessageFactoryTests
{
    private static OutboxMessage Message(string to = "eigenaar@example.org", string replyTo = "", string subject = "Onderwerp") => new()
    {
        MessageId = "abc@publiekeveranderaars.nl", FromAddress = "noreply@publiekeveranderaars.nl", FromName = "Wij",
        ToAddress = to, ReplyTo = replyTo, Subject = subject, TextBody = "Tekst", HtmlBody = "<p>Tekst</p>", CreatedUtc = DateTime.UtcNow,
    };

    [Fact]
    public void Create_builds_a_multipart_message_with_the_stable_message_id()
    {
        var mime = MimeMessageFactory.Create(Message(replyTo: "jan@example.org"));

        Assert.Equal("abc@publiekeveranderaars.nl", mime.MessageId);
        Assert.Equal("jan@example.org", mime.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal("Tekst", mime.TextBody);
        Assert.Equal("<p>Tekst</p>", mime.HtmlBody);
    }

    [Fact]
    public void A_line_break_in_the_subject_cannot_add_a_header()
    {
        var mime = MimeMessageFactory.Create(Message(subject: "Hallo\r\nBcc: iedereen@example.org"));

        Assert.Equal("Hallo Bcc: iedereen@example.org", mime.Subject);
        Assert.Empty(mime.Bcc);
        Assert.Single(mime.Headers, h => h.Field == "Subject");
    }

    [Theory]
    [InlineData("jan@example.org\r\nBcc: iedereen@example.org")]
    [InlineData("jan@example.org, piet@example.org")]
    [InlineData("geen-adres")]
    [InlineData("")]
    public void An_address_that_is_not_one_plain_address_is_refused(string address) =>
        Assert.Throws<InvalidMailAddressException>(() => MimeMessageFactory.Create(Message(to: address)));

    [Fact]
    public void Template_encodes_values_in_html_and_keeps_them_as_typed_in_text()
    {
        var (text, html) = MailTemplate.Render("Kop", "Bericht", [new MailField("Naam", "<b>Jan</b> & co\nRegel 2")]);

        Assert.Contains("<b>Jan</b> & co\nRegel 2", text);
        Assert.Contains("&lt;b&gt;Jan&lt;/b&gt; &amp; co<br>Regel 2", html);
        Assert.DoesNotContain("<b>Jan</b>", html);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(5, 16)]
    [InlineData(7, 60)]
    [InlineData(100, 60)]
    public void Retry_delay_doubles_and_never_exceeds_a_minute(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), OutboxRetryPolicy.Delay(attempts));
}
