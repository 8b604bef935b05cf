using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PubliekeVeranderaars.Core.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EntryFollowUp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ContactedBy",
                table: "FormEntries",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ContactedUtc",
                table: "FormEntries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "FormEntries",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "FormEntryVisits",
                columns: table => new
                {
                    User = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    PageKey = table.Column<Guid>(type: "uuid", nullable: false),
                    SeenUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FormEntryVisits", x => new { x.User, x.PageKey });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FormEntryVisits");

            migrationBuilder.DropColumn(
                name: "ContactedBy",
                table: "FormEntries");

            migrationBuilder.DropColumn(
                name: "ContactedUtc",
                table: "FormEntries");

            migrationBuilder.DropColumn(
                name: "Note",
                table: "FormEntries");
        }
    }
}
