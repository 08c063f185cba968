using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Klachten.Archive.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "archive");

            migrationBuilder.CreateTable(
                name: "cases",
                schema: "archive",
                columns: table => new
                {
                    complaint_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_reference = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    retain_until = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cases", x => x.complaint_id);
                });

            migrationBuilder.CreateTable(
                name: "documents",
                schema: "archive",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    complaint_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_reference = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    kind = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    content_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    author = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    archived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source_message_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    retain_until = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_documents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbox",
                schema: "archive",
                columns: table => new
                {
                    consumer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    message_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox", x => new { x.consumer, x.message_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_cases_retain_until",
                schema: "archive",
                table: "cases",
                column: "retain_until");

            migrationBuilder.CreateIndex(
                name: "ix_documents_complaint_id",
                schema: "archive",
                table: "documents",
                column: "complaint_id");

            migrationBuilder.CreateIndex(
                name: "ix_documents_retain_until",
                schema: "archive",
                table: "documents",
                column: "retain_until");

            migrationBuilder.CreateIndex(
                name: "ix_documents_source_message_id",
                schema: "archive",
                table: "documents",
                column: "source_message_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cases",
                schema: "archive");

            migrationBuilder.DropTable(
                name: "documents",
                schema: "archive");

            migrationBuilder.DropTable(
                name: "inbox",
                schema: "archive");
        }
    }
}
