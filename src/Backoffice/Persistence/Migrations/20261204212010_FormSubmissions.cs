using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Schoolplein.Backoffice.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FormSubmissions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "form_submissions",
                schema: "backoffice",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    redirect_to = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_form_submissions", x => x.key);
                });

            migrationBuilder.CreateIndex(
                name: "ix_form_submissions_created_at",
                schema: "backoffice",
                table: "form_submissions",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "form_submissions",
                schema: "backoffice");
        }
    }
}
