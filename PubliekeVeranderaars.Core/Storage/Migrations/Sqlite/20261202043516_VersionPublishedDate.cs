using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PubliekeVeranderaars.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VersionPublishedDate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "PublishedUtc",
                table: "ContentVersions",
                type: "TEXT",
                nullable: true);
            // The versions live now went live no earlier than they were saved: the nearest date known for them. Older
            // published versions left no trace and stay unmarked.
            migrationBuilder.Sql("""
                UPDATE "ContentVersions" SET "PublishedUtc" = "CreatedUtc"
                WHERE "Id" IN (SELECT "PublishedVersionId" FROM "ContentNodes" WHERE "PublishedVersionId" IS NOT NULL);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PublishedUtc",
                table: "ContentVersions");
        }
    }
}
