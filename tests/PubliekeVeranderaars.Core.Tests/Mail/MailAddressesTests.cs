using PubliekeVeranderaars.Core.Mail;

namespace PubliekeVeranderaars.Core.Tests.Mail;

public class MailAddressesTests
{
    [Theory]
    // What mail servers answer when they refuse a recipient, as it would reach a log line.
    [InlineData("SmtpCommandException: 5.1.1 <sanne.de.vries@example.org>: Recipient address rejected", "SmtpCommandException: 5.1.1 <[adres]>: Recipient address rejected")]
    [InlineData("Invalid address 'a+tag@x.nl' and b@y.org.", "Invalid address '[adres]' and [adres].")]
    [InlineData("Connection refused", "Connection refused")]
    public void Addresses_in_an_error_become_a_placeholder(string text, string expected) =>
        Assert.Equal(expected, MailAddresses.Masked(text));
}
