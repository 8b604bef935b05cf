using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PubliekeVeranderaars.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class USyncShapes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "USyncShape",
                table: "MediaItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "USyncShape",
                table: "DocumentTypes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "USyncShape",
                table: "DataTypes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "USyncShape",
                table: "ContentNodes",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "USyncShape",
                table: "MediaItems");

            migrationBuilder.DropColumn(
                name: "USyncShape",
                table: "DocumentTypes");

            migrationBuilder.DropColumn(
                name: "USyncShape",
                table: "DataTypes");

            migrationBuilder.DropColumn(
                name: "USyncShape",
                table: "ContentNodes");
        }
    }
}
