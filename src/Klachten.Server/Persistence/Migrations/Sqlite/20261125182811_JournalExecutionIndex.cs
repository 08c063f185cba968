using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Klachten.Server.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class JournalExecutionIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
