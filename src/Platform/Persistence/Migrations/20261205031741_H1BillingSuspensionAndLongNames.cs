using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Schoolplein.Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class H1BillingSuspensionAndLongNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // PostgreSQL cannot change the type of a column that a stored generated column reads
            // ("cannot alter type of a column used by a generated column"): full_name is dropped,
            // last_name widened, and full_name added again with the same expression (hand-edited).
            migrationBuilder.AddColumn<bool>(
                name: "suspended_for_billing",
                table: "tenants",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            foreach (var table in new[] { "users", "pupils" })
            {
                migrationBuilder.DropColumn(name: "full_name", table: table);
                migrationBuilder.AlterColumn<string>(
                    name: "last_name",
                    table: table,
                    type: "character varying(200)",
                    maxLength: 200,
                    nullable: false,
                    oldClrType: typeof(string),
                    oldType: "character varying(150)",
                    oldMaxLength: 150);
                migrationBuilder.AddColumn<string>(
                    name: "full_name",
                    table: table,
                    type: "character varying(332)",
                    maxLength: 332,
                    nullable: false,
                    computedColumnSql: FullNameSql,
                    stored: true);
            }

            // Mail to a person carries the full name, now up to 332 characters.
            migrationBuilder.AlterColumn<string>(
                name: "to_name",
                table: "outbox_emails",
                type: "character varying(332)",
                maxLength: 332,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(300)",
                oldMaxLength: 300,
                oldNullable: true);
            migrationBuilder.AlterColumn<string>(
                name: "subject",
                table: "outbox_emails",
                type: "character varying(700)",
                maxLength: 700,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(600)",
                oldMaxLength: 600);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The same dance back (see Up): full_name dropped, last_name narrowed, full_name added again.
            migrationBuilder.DropColumn(name: "suspended_for_billing", table: "tenants");

            foreach (var table in new[] { "users", "pupils" })
            {
                migrationBuilder.DropColumn(name: "full_name", table: table);
                migrationBuilder.AlterColumn<string>(
                    name: "last_name",
                    table: table,
                    type: "character varying(150)",
                    maxLength: 150,
                    nullable: false,
                    oldClrType: typeof(string),
                    oldType: "character varying(200)",
                    oldMaxLength: 200);
                migrationBuilder.AddColumn<string>(
                    name: "full_name",
                    table: table,
                    type: "character varying(282)",
                    maxLength: 282,
                    nullable: false,
                    computedColumnSql: FullNameSql,
                    stored: true);
            }

            migrationBuilder.AlterColumn<string>(
                name: "to_name",
                table: "outbox_emails",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(332)",
                oldMaxLength: 332,
                oldNullable: true);
            migrationBuilder.AlterColumn<string>(
                name: "subject",
                table: "outbox_emails",
                type: "character varying(600)",
                maxLength: 600,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(700)",
                oldMaxLength: 700);
        }

        private const string FullNameSql =
            "btrim(btrim(first_name) || coalesce(' ' || nullif(btrim(last_name_prefix), ''), '') || coalesce(' ' || nullif(btrim(last_name), ''), ''))";
    }
}
