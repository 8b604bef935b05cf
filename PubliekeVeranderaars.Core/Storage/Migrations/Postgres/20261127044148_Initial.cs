using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PubliekeVeranderaars.Core.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ContentNodes",
                columns: table => new
                {
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    ParentKey = table.Column<Guid>(type: "uuid", nullable: true),
                    ContentTypeAlias = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    UrlSegment = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    CreateDate = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdateDate = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Trashed = table.Column<bool>(type: "boolean", nullable: false),
                    LatestVersionId = table.Column<long>(type: "bigint", nullable: true),
                    PublishedVersionId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentNodes", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "ContentVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NodeKey = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Values = table.Column<string>(type: "text", nullable: false),
                    CultureNames = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataTypes",
                columns: table => new
                {
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Alias = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    EditorAlias = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    EditorUiAlias = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    DatabaseType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ConfigJson = table.Column<string>(type: "text", nullable: false),
                    Folder = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    Level = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataTypes", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "DocumentTypes",
                columns: table => new
                {
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Alias = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Icon = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Description = table.Column<string>(type: "text", nullable: false),
                    AllowAtRoot = table.Column<bool>(type: "boolean", nullable: false),
                    IsElement = table.Column<bool>(type: "boolean", nullable: false),
                    Variations = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Folder = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Compositions = table.Column<string>(type: "text", nullable: false),
                    AllowedChildren = table.Column<string>(type: "text", nullable: false),
                    Tabs = table.Column<string>(type: "text", nullable: false),
                    Properties = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentTypes", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "USyncRawItems",
                columns: table => new
                {
                    Folder = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Alias = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Xml = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_USyncRawItems", x => new { x.Folder, x.Key });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContentNodes_ParentKey",
                table: "ContentNodes",
                column: "ParentKey");

            migrationBuilder.CreateIndex(
                name: "IX_ContentVersions_NodeKey",
                table: "ContentVersions",
                column: "NodeKey");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentTypes_Alias",
                table: "DocumentTypes",
                column: "Alias",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContentNodes");

            migrationBuilder.DropTable(
                name: "ContentVersions");

            migrationBuilder.DropTable(
                name: "DataTypes");

            migrationBuilder.DropTable(
                name: "DocumentTypes");

            migrationBuilder.DropTable(
                name: "USyncRawItems");
        }
    }
}
