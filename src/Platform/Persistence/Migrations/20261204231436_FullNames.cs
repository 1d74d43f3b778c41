using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Schoolplein.Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FullNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "full_name",
                table: "users",
                type: "character varying(282)",
                maxLength: 282,
                nullable: false,
                computedColumnSql: "btrim(btrim(first_name) || coalesce(' ' || nullif(btrim(last_name_prefix), ''), '') || coalesce(' ' || nullif(btrim(last_name), ''), ''))",
                stored: true);

            migrationBuilder.AddColumn<string>(
                name: "full_name",
                table: "pupils",
                type: "character varying(282)",
                maxLength: 282,
                nullable: false,
                computedColumnSql: "btrim(btrim(first_name) || coalesce(' ' || nullif(btrim(last_name_prefix), ''), '') || coalesce(' ' || nullif(btrim(last_name), ''), ''))",
                stored: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "full_name",
                table: "users");

            migrationBuilder.DropColumn(
                name: "full_name",
                table: "pupils");
        }
    }
}
