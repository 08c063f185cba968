using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Klachten.Archive.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "archive_cases",
                columns: table => new
                {
                    complaint_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_reference = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    closed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    retain_until = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_archive_cases", x => x.complaint_id);
                });

            migrationBuilder.CreateTable(
                name: "archive_documents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    complaint_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_reference = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    author = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    archived_at = table.Column<long>(type: "INTEGER", nullable: false),
                    source_message_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    retain_until = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_archive_documents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "archive_inbox",
                columns: table => new
                {
                    consumer = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    message_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    processed_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_archive_inbox", x => new { x.consumer, x.message_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_archive_cases_retain_until",
                table: "archive_cases",
                column: "retain_until");

            migrationBuilder.CreateIndex(
                name: "ix_archive_documents_complaint_id",
                table: "archive_documents",
                column: "complaint_id");

            migrationBuilder.CreateIndex(
                name: "ix_archive_documents_retain_until",
                table: "archive_documents",
                column: "retain_until");

            migrationBuilder.CreateIndex(
                name: "ix_archive_documents_source_message_id",
                table: "archive_documents",
                column: "source_message_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "archive_cases");

            migrationBuilder.DropTable(
                name: "archive_documents");

            migrationBuilder.DropTable(
                name: "archive_inbox");
        }
    }
}
