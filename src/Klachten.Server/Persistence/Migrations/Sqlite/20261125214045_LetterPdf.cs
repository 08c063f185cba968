using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Klachten.Server.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LetterPdf : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "pdf",
                table: "letters",
                type: "BLOB",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "pdf",
                table: "letters");
        }
    }
}
