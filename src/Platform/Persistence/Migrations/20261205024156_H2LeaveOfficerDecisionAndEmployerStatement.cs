using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Schoolplein.Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class H2LeaveOfficerDecisionAndEmployerStatement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "employer_statement_blob_id",
                table: "leave_requests",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "employer_statement_name",
                table: "leave_requests",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "officer_decision_date",
                table: "leave_requests",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "officer_reference",
                table: "leave_requests",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "employer_statement_blob_id",
                table: "leave_requests");

            migrationBuilder.DropColumn(
                name: "employer_statement_name",
                table: "leave_requests");

            migrationBuilder.DropColumn(
                name: "officer_decision_date",
                table: "leave_requests");

            migrationBuilder.DropColumn(
                name: "officer_reference",
                table: "leave_requests");
        }
    }
}
