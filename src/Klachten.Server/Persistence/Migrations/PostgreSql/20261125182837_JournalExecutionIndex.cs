using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Klachten.Server.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class JournalExecutionIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "execution_id",
                table: "journal_entries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.CreateIndex(
                name: "ix_journal_entries_execution_id",
                table: "journal_entries",
                column: "execution_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_journal_entries_execution_id",
                table: "journal_entries");

            migrationBuilder.AlterColumn<string>(
                name: "execution_id",
                table: "journal_entries",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);
        }
    }
}
