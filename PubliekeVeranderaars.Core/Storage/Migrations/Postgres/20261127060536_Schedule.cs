using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PubliekeVeranderaars.Core.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Schedule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "PublishAtUtc",
                table: "ContentNodes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UnpublishAtUtc",
                table: "ContentNodes",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PublishAtUtc",
                table: "ContentNodes");

            migrationBuilder.DropColumn(
                name: "UnpublishAtUtc",
                table: "ContentNodes");
        }
    }
}
