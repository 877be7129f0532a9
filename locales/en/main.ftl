# onestop portal: English. Every key here must exist in every locale (a test checks).
site-title = Beijing S&T One-Stop
skip-to-content = Skip to main content
nav-label = Main
nav-measures = Measures
nav-search = Search
nav-tracker = Measure tracker
nav-inbox = Inbox
nav-my-cases = My cases
nav-sign-in = Sign in
nav-sign-out = Sign out ({ $name })
language = Language
language-apply = Change
footer-sources = Every rule cites the policy text it comes from: the five source documents and the national instruments they rely on.
home-heading = Find the Beijing science and technology measures that apply to you
home-lead = Answer a few questions, see what applies, what it is worth and why, then apply once to every agency involved.
home-who = Who are you?
home-search = Search the measures
audience-enterprise = Enterprise
audience-enterprise-hint = Tax relief, high-tech status, financing, IP
audience-researcher = Researcher
audience-researcher-hint = Pay, insurance, travel, projects
audience-foreign-professional = Foreign professional
audience-foreign-professional-hint = Work and residence permits in one window
audience-project = Research project leader
audience-project-hint = Budgets, indirect costs, inspections
audience-officer = Agency officer
audience-analyst = Policy analyst
audience-public = Everyone
search-label = Search words (Chinese or English)
search-button = Search
search-heading = Search
search-results = { $count ->
    [one] One measure found
   *[other] { $count } measures found
}
measures-heading = Measures
measures-count = { $count ->
    [one] One measure
   *[other] { $count } measures
}
filter-group = Group
filter-audience = For
filter-all = All
filter-apply = Show
group-talent = Talent
group-enterprise = Enterprises
group-project = Research projects
group-gov = Government
status-in-force = In force
status-pilot = Pilot
status-planned = Planned
status-ongoing = Ongoing
measure-computable = Check online
measure-source = Source
measure-sources = Sources
measure-responsible = Responsible organisations
measure-completion = Time of completion
measure-no-completion = Not stated
measure-status = Status
measure-audience = For
measure-check = Check whether it applies to you
back-to-measures = All measures
back-home = Home
interview-heading = Check what applies to you
interview-progress = Question { $number }. At most { $remaining } more may follow; you can stop at any time.
interview-why = This answer matters for:
interview-next = Continue
interview-skip = Skip this question
interview-finish = Show results now
answer-yes = Yes
answer-no = No
hint-date = A date, for example 2024-06-30.
hint-money = An amount in yuan, for example 5000000.
hint-int = A whole number.
hint-decimal = A number.
hint-rate = A percentage, for example 12.5.
hint-text = Text.
result-heading = What applies to you
result-date = Decided for { $date } under rules version { $version }.
result-apply = Apply now
result-apply-for = Apply: { $service }
result-worth = What it is worth
result-missing = Still needed to decide:
result-why = Why: every step, with its legal source
result-status-eligible = Applies to you
result-status-not_eligible = Does not apply
result-status-undetermined = Not yet decided
signin-heading = Sign in
signin-to-apply = Sign in or create an account to apply for: { $service }
signin-mode = Account
signin-existing = I have an account
signin-new = Create a new account
signin-button = Continue
field-username = Username
field-password = Password
apply-opens = This one application opens these cases, decided in parallel:
apply-materials-hint = Uploaded once; every agency involved sees the same copy.
apply-submit = Submit the application
cases-heading = My cases
cases-count = { $count ->
    [one] One case
   *[other] { $count } cases
}
case-kind = Case
case-agency = Agency
case-state = State
case-deadline = Decision due
case-decision = Decision
case-submitted = Submitted
case-overdue = Overdue
case-working-days = { $days } working days
case-rules-version = Rules version
case-materials = Materials
case-audit = History
case-facts = Facts submitted
case-explanation = The engine's explanation
kind-work-permit = Work permit (Category A)
kind-work-residence-permit = Work residence permit
kind-high-tech-recognition = High-tech enterprise recognition
kind-tech-transfer-relief = Technology transfer relief filing
state-submitted = Submitted
state-accepted = Accepted
state-in_review = In review
state-more_info_needed = More information needed
state-approved = Approved
state-rejected = Rejected
state-withdrawn = Withdrawn
officer-heading = Inbox
officer-decide = Act on this case
officer-action = Action
officer-reason = Reason (shown to the applicant)
officer-record = Record
action-accept = Accept (starts the deadline)
action-review = Start review
action-request_info = Ask for more information
action-approve = Approve
action-reject = Reject
tracker-heading = Measure tracker
tracker-overdue = { $count ->
    [one] One measure is past its time of completion ({ $month }).
   *[other] { $count } measures are past their time of completion ({ $month }).
}
tracker-measure = Measure
tracker-by-org = Measures by responsible organisation
error-not-found = Not found
error-forbidden = Not yours to see
error-signin = Wrong username or password.
error-bad-answer = That answer could not be read
error-action = That could not be done


## Verifying an e-licence
nav-verify = Verify a licence
verify-heading = Verify an electronic licence
verify-intro = Every licence this service issues is recorded in a public, append-only log. Enter the verification code printed on a licence, or upload a downloaded licence file, to check that it was issued here and has not been changed.
verify-valid = Genuine: this licence is recorded in the register and unchanged.
verify-invalid = Not verified: do not rely on this licence.
verify-code = Verification code
verify-holder = Holder
verify-granted = Granted
verify-validity = Valid
verify-agency = Decided by
verify-basis = Legal basis
verify-entry = Register entry
verify-entry-of = entry { $index } of a log of { $size }
verify-by-code = Check by code
verify-by-file = Check a downloaded licence file
verify-file = Licence file (JSON)
verify-button = Verify
verify-offline = Without this website:
verify-key = the register's public key
verify-not-found = No licence has this code. Check the code and try again.
verify-bad-code = This is not a valid verification code.
verify-no-file = Choose a licence file to upload.
verify-not-a-licence = This file is not a licence downloaded from this service.
case-licence = Electronic licence
case-licence-print = printable licence

## Analyst: reform simulation
nav-analyst = Reforms
analyst-heading = What would a reform do?
analyst-intro = Run a reform of the rules over a whole synthetic population and compare it with the rules in force: who gains, who loses, what it costs, and where.
analyst-reform = Reform
analyst-population = Population
analyst-rows = { $count } rows
analyst-date = Decision date
analyst-run = Simulate
analyst-ran = { $rows } rows on { $date }, simulated in { $seconds } s.
analyst-beneficiaries = Beneficiaries (rules in force → reform)
analyst-winners = Winners
analyst-losers = Losers
analyst-cost = Cost
analyst-yuan = yuan
analyst-measures = Measures the reform changes
analyst-eligible-before = Eligible now
analyst-eligible-after = Eligible under the reform
analyst-newly = Newly eligible
analyst-chart-district = Cost of the reform by district
analyst-chart-gains = Distribution of gains and losses
analyst-by = By { $key }
analyst-rows-col = Rows
analyst-warnings = Warnings
analyst-versions = Rules version { $baseline }; with the reform { $reform }.
analyst-bad-date = `{ $date }` is not a date; write YYYY-MM-DD.
analyst-unavailable = Reform simulation is not available on this server
analyst-amounts = Totals of amounts (rules in force → reform)

## Agencies
agency-foreign-experts = Beijing Municipal Science and Technology Commission (foreign experts affairs)
agency-exit-entry = Exit-Entry Administration, Beijing Municipal Public Security Bureau
agency-sci-tech = Beijing Municipal Science and Technology Commission
agency-tax = Beijing Municipal Tax Service, State Taxation Administration

## Working-day calendar (provisional deadlines, the admin's calendar page)
case-provisional = Provisional
case-provisional-why = This date counts working days in { $year }, whose official holiday notice is not loaded yet: its days off follow the statutory holidays and weekends. It is recounted when the notice is loaded.
nav-calendar = Calendar
calendar-heading = Working-day calendar
calendar-intro = Deadlines count Chinese working days. A year whose State Council holiday notice is loaded is official; any other year is provisional: its days off are the statutory holidays and weekends, without make-up working days.
calendar-official-until = Official until { $date } ({ $days } days left).
calendar-none = No official notice covers today: every deadline is provisional.
calendar-warning = Official coverage ends in fewer than 60 days. Load the { $year } notice as soon as it is published.
calendar-year = Year
calendar-status = Status
calendar-source = Source
calendar-official = Official
calendar-provisional = Provisional
calendar-shipped = shipped with onestop
calendar-statutory = statutory holidays of the Regulations on National Annual Festival and Memorial Day Holidays (as revised by State Council Decree No. { $decree }) and weekends
calendar-upload-heading = Load a year's notice
calendar-upload-help = A CSV file: the lines "# year:", "# notice:" and "# published:", then one row per day: the date (or FROM..TO), holiday or workday, and the holiday's name. Open cases with provisional deadlines are recounted, each in its history.
calendar-file = Notice file (CSV)
calendar-upload = Load the notice
calendar-loaded = The { $year } notice is loaded. { $checked } open cases had a provisional deadline; { $changed } changed.
calendar-refused = The file was refused; nothing changed.
calendar-deadline-change = Case { $case }: { $old } → { $new }

## Security
error-csrf = This form has expired or came from another site. Reload the page and try again.
error-throttled = Too many failed sign-ins. Try again in { $seconds } seconds.
agency-tianjin-sci-tech = Tianjin Municipal Science and Technology Bureau
agency-hebei-sci-tech = Department of Science and Technology of Hebei Province

## The statutory clock
case-clock = Clock
case-clock-stopped = Stopped since { $date }: waiting for the applicant's answer, the days do not count
case-clock-stopped-short = Clock stopped
case-suspended-label = Suspended
case-suspended = { $days } working days not counted (the applicant was answering a request)
case-respond-heading = Answer the request
case-respond-label = Your answer (the officer sees it; the clock restarts when you send it)
case-respond-send = Send the answer

## Public performance
nav-performance = Performance
performance-heading = Decisions within the statutory time limits
performance-intro = From every decided case with a deadline: the share each agency decided on or before its deadline, and the working days each service took from acceptance to decision (days the clock stood still for the applicant's answer are not counted).
performance-agency = Agency
performance-decided = Decided
performance-on-time = On time
performance-rate = On-time rate
performance-service = Service
performance-median = Median working days
case-withdraw-heading = Withdraw
case-withdraw-help = Withdrawing ends this case at its agency; the other cases of the same application go on.
case-withdraw-send = Withdraw this case
licence-issued = Issued
licence-note = This licence is entry { $index } of the register's transparency log; any change to it makes the check fail. Check it with its code on this site, or offline with the downloaded licence and the log's public key:

## the procedures of the seeds: materials, approvals upon filing and their check (issue 14)
apply-material-file = File ({ $types }, at most 10 MB)
apply-material-optional = (optional)
apply-material-reuse = or one you uploaded before
apply-material-reuse-none = — none —
case-material = Material
case-material-file = File given
case-material-missing = Missing
case-material-none = Choose a file to upload or one you uploaded before.
case-add-material-heading = Give a material
case-add-material-which = Which material
case-add-material-file = File (PDF, PNG or JPEG, at most 10 MB)
case-add-material-send = Give it
case-supervision = Ex-post check
case-supervision-pending = Due by { $date }
case-supervision-passed = Passed
case-supervision-revoked = Failed: the approval is revoked
case-supervision-risk = Check first
case-supervise-heading = Ex-post check
case-supervise-help = This application was approved when it was filed. Check it against the standards; if it fails them, or the commitment was broken, revoke it: the case and its licence are revoked on the register.
case-supervise-outcome = Outcome
case-supervise-pass = Passed: the approval stands
case-supervise-revoke = Revoke the approval and its licence
officer-supervision-heading = Approvals upon filing to check
officer-supervision-help = Approved when filed or on the applicant's commitment; the rules put first the ones that fail a national criterion.
state-revoked = Revoked
kind-foreign-work-permit = Foreigner's work permit
kind-foreign-residence-permit = Work residence permit
kind-permanent-residence = Permanent residence
kind-commitment-approval = Approval on commitment
kind-relocation-business-registration = Change of business registration (new domicile)
kind-relocation-tax-registration = Tax registration moved
kind-clinical-sample-approval = Approval to import clinical-trial samples
kind-clinical-sample-filing = Customs filing of one import of clinical-trial samples
kind-outbound-exchange = Outbound academic exchange
kind-rd-vehicle-import = Temporary import of R&D test vehicles
agency-housing = Beijing Municipal Commission of Housing and Urban-Rural Development
agency-market-regulation = Beijing Municipal Administration for Market Regulation
agency-medical-products = Beijing Municipal Medical Products Administration
agency-customs = Beijing Customs
agency-foreign-affairs = Foreign Affairs Office of the Beijing Municipal People's Government
material-passport = Passport
material-employment-contract = Employment contract or letter of appointment
material-degree-certificate = Highest degree certificate
material-criminal-record = Certificate of no criminal record
material-photo = Passport photograph
material-health-certificate = Health certificate
material-hnte-application = High-tech enterprise application form
material-rd-expense-audit = Special audit report on R&D expenses
material-ip-certificates = Certificates of the core intellectual property
material-technology-contract = Registered technology transfer contract
material-commitment-letter = Signed letter of commitment
material-project-plan = Project plan and design documents
material-business-licence = Business licence
material-relocation-resolution = Shareholders' resolution on the move
material-premises-lease = Lease or title of the new premises
material-trial-approval = Clinical trial approval
material-sample-list = List of samples
material-import-approval = The import approval (per trial or per year)
material-invitation-letter = Letter of invitation
material-exchange-plan = Exchange plan
material-vehicle-list = List of vehicles
material-rd-plan = Research and test plan
material-customs-guarantee = Customs guarantee

## the life of a licence after issue: suspended, reinstated, revoked (003 §18, §19)
licence-status = Licence status
licence-status-valid = In force
licence-status-suspended = Suspended: not in force until the agency reinstates it
licence-status-revoked = Revoked: no longer in force
licence-stamp-suspended = SUSPENDED
licence-stamp-revoked = REVOKED
verify-not-in-force = The record is genuine, but do not rely on this licence.
licence-change-since = Since { $date }: { $reason }
licence-change-heading = Suspend, reinstate or revoke the licence
licence-change = Change
licence-change-suspend = Suspend (an inquiry is open)
licence-change-reinstate = Reinstate
licence-change-revoke = Revoke (final)
licence-change-reason = Reason (recorded in the public log; anyone who verifies the licence sees it)
licence-change-button = Record the change

## the interview starts from the signed-in applicant's profile and saves back to it
interview-from-profile = Questions your profile already answers are not asked again; what you answer here is saved to your profile.
result-saved-to-profile = Your answers are saved to your profile: the next interview and every form start from them.

## dates the applicant must keep after approval (services.toml reminders)
case-reminder-past = Past: act now
case-reminder-soon = Due in { $days } days
reminder-vehicle_reexport_due_date = Date by which the vehicle must be re-exported
case-reminder-days = { $days } days left

## the holder's licences (/licences)
nav-my-licences = My licences
licences-heading = My electronic licences
licences-count = { $count ->
    [one] One licence is issued to you.
   *[other] { $count } licences are issued to you.
}

## Witnesses of the register (issue 15: the operator's page /admin/witnesses, verification)
nav-witnesses = Witnesses
witnesses-heading = Witnesses of the register
witnesses-intro = Tianjin and Hebei each run a witness: it checks that every new head of this log extends the last head it cosigned, then cosigns it, or refuses it. A receipt counts as verified with the log's signature and at least { $quorum } witness cosignatures.
witnesses-latest = Latest head: { $size } entries, cosigned by { $count } witnesses.
witnesses-none = No witness is configured (DATA/witnesses.toml): receipts verify with the log's signature alone.
witnesses-name = Witness
witnesses-region = Region
witnesses-last = Last cosigned head (entries)
witnesses-time = Cosigned at
witnesses-never = Never cosigned
witnesses-current = the latest
witnesses-behind = behind the latest head
witnesses-other-root = another root than the latest head of that size
witnesses-key = Witness keys
witnesses-refusals-heading = Refusals
witnesses-refusals-none = No witness has refused a head of this log.
witnesses-refusals-alert = { $count ->
    [one] A witness refused a head of this log: the log may have forked. Compare the heads with onestop ledger audit.
   *[other] Witnesses refused { $count } heads of this log: the log may have forked. Compare the heads with onestop ledger audit.
}
witnesses-refused-size = Refused head (entries)
witnesses-old-size = Last cosigned (entries)
witnesses-refused-at = Refused at
witnesses-reason = Reason
witnesses-evidence = The refused checkpoint
verify-witnesses = Witnesses
verify-witnesses-of = { $count } witness cosignatures ({ $quorum } required)

## research projects (001 §15-18): leader, undertaking unit, the commission
nav-projects = Projects
projects-heading = Research projects
officer-projects-heading = Research projects to act on
projects-count = { $count ->
    [0] No projects yet
    [one] One project
   *[other] { $count } projects
}
project-title = Project title
project-role = Your part
project-role-leader = Leader
project-role-unit = Undertaking unit (leader { $leader })
project-status = Status
project-status-filed = Filed, awaiting review
project-status-returned = Returned to the leader
project-status-active = Being implemented
project-status-accepted = Accepted (final acceptance)
project-leader = Project leader
project-unit = Undertaking unit
project-agency = Competent department
project-filed = Filed on
project-waiting-unit = An adjustment waits for your approval
project-todo = Waiting for you
project-todo-review = Review the filing
project-todo-milestones = { $count ->
    [one] One milestone report to accept
   *[other] { $count } milestone reports to accept
}
project-todo-adjustment = A budget adjustment for the commission to decide
project-todo-inspection = Schedule or waive the process inspection
project-todo-acceptance = Final acceptance
project-file-heading = File a project
project-file-help = The fund rules check the budget when you file: an indirect cost over its cap, or spending on the all-in-expenses negative list, is refused with the reason. The Science and Technology Commission then reviews the filing.
project-unit-account = The undertaking unit's account
project-unit-hint = The username of your institution's organisation account. It approves budget adjustments within its delegated authority.
project-facts-heading = The project and its budget
project-facts-hint = Leave a question blank if it does not apply or is not known yet. The approved budget by subject is the budget as filed.
project-unknown = Not stated
project-negative-list = The spending plan includes (all-in-expenses negative list)
project-milestones = Milestones
project-milestones-hint = Up to three here; leave a row blank to skip it.
project-milestone-name = Milestone { $number }
project-milestone-due = Due date of milestone { $number }
project-file-send = File the project
project-review = Review
project-reviewed = Reviewed by { $by } on { $date }
project-inspection = Process inspection
project-inspection-scheduled = Scheduled for { $date }
project-inspection-waived = Waived
project-inspection-undecided = Not yet decided
project-inspection-required = The rule requires a process inspection: the implementation period is three years or more (001 §15).
project-inspection-exempt = The rule exempts this project from process inspection: its implementation period is under three years (001 §15).
project-accepted = Final acceptance
project-accepted-by = By { $by } on { $date }
project-acceptance-link = Acceptance page
project-review-heading = Review the filing
project-review-decision = Decision
project-review-accept = Accept for implementation
project-review-return = Return to the leader (say why)
project-note = Note
project-amend-heading = Amend and file again
project-amend-send = File again
project-milestone = Milestone
project-milestone-due-label = Due
project-milestone-report = Report
project-milestone-accepted = Accepted
project-milestone-report-label = Report on milestone { $number }
project-milestone-report-send = Send the report
project-milestone-accepted-by = Accepted by { $by } on { $date }
project-milestone-accept = Accept milestone { $number }
project-inspection-heading = Process inspection
project-inspection-decision = Decision
project-inspection-schedule = Schedule it
project-inspection-waive = Waive it
project-inspection-on = Day of the inspection
project-budget-heading = Budget
project-budget-subject = Subject
project-budget-in-force = In force
project-subject-equipment_budget = Equipment
project-subject-indirect_budget = Indirect cost
project-subject-other_direct_budget = Other direct-cost subjects, together
project-adjust-heading = Ask for a budget adjustment
project-adjust-help = Give the new amounts. The rule decides who approves: your undertaking unit while the total stays the same and the indirect cost does not rise (an equipment increase is then filed with the department at acceptance); otherwise the Science and Technology Commission (001 §16).
project-adjust-after = { $subject } after the adjustment
project-adjust-reason = Why
project-adjust-send = Ask for the adjustment
project-budget-history = History of the budget
project-budget-change = Adjustment
project-budget-approver = Approver named by the rule
project-budget-decision = Decision
project-budget-filing = Filing at acceptance
project-budget-asked = Asked by { $by } on { $date }
project-budget-decided = By { $by } on { $date }
project-budget-decide = Decide adjustment { $number }
project-budget-approve = Approve
project-budget-refuse = Refuse (say why)
project-approver-approver_undertaking_unit = The undertaking unit
project-approver-approver_competent_department = The Science and Technology Commission
project-outside-project_refusal_total_changed = Outside the unit's authority: the total budget changes
project-outside-project_refusal_indirect_increased = Outside the unit's authority: the indirect cost rises
project-outside-project_refusal_not_municipal = Outside the unit's authority: not a municipal fiscal project
project-change-pending = Waiting for a decision
project-change-approved = Approved
project-change-refused = Refused
project-filed-on = Filed with the department on { $date }
project-filing-at-acceptance = To be filed at acceptance
project-acceptance-heading = Final acceptance
project-milestones-accepted = { $accepted } of { $total } accepted
project-filings-heading = Budget adjustments filed at acceptance
project-filings-help = Equipment increases the undertaking unit approved are filed with the competent department at the project's acceptance (001 §16).
project-filings-none = None: no adjustment of this project is filed at acceptance.
project-blockers-heading = Before the final acceptance
project-blocker-not_active = The project is not being implemented
project-blocker-milestone_not_reported = Milestone { $number } has not been reported
project-blocker-milestone_not_accepted = Milestone { $number } has not been accepted
project-blocker-adjustment_pending = Budget adjustment { $number } waits for a decision
project-blocker-inspection_undecided = The process inspection is neither scheduled nor waived
project-blocker-inspection_ahead = The process inspection is scheduled for { $date }
project-ready = Everything is done: the project is ready for final acceptance.
project-accept-send = Record the final acceptance
project-fact-funding_source = Where the project's funds come from
project-fact-is_basic_research = The project is in the field of basic research
project-fact-institution_type = Kind of undertaking unit
project-fact-discipline = Discipline of the project
project-fact-is_pure_theoretical_research = Pure theoretical research (national rule: e.g. mathematics)
project-fact-selected_for_indirect_cost_pilot = Selected as a municipal pilot project with low dependence on experimental equipment
project-fact-direct_cost = Direct costs in the project budget
project-fact-equipment_cost = Equipment costs within the direct costs
project-fact-proposed_indirect_cost = Indirect cost proposed in the budget
project-fact-proposed_performance_pay = Performance pay planned within the indirect cost
project-fact-implementation_start_date = First day of the project's implementation period
project-fact-implementation_end_date = Last day of the project's implementation period
project-fact-institution_remarkable_results = The undertaking unit has remarkable research results
project-fact-institution_good_research_credit = The undertaking unit has good research credit
project-fact-institution_selected_all_in_pilot = The undertaking unit was selected for the municipal all-in-expenses pilot
project-fact-spends_on_unrelated_items = Spending unrelated to the project's research
project-fact-spends_on_fines_donations_investment = Fines, donations, sponsorship, investment or debt repayment
project-fact-misappropriates_funds = Withholding, diverting or embezzling project funds
project-fact-transfers_funds_improperly = Passing or moving project funds on in breach of the rules
project-fact-uses_false_documents = False contracts, invoices, items or staff to move or draw funds
project-fact-inflates_testing_costs = Invented testing work or inflated testing prices
project-fact-falsifies_accounts = Arbitrary account adjustments or altered vouchers
project-value-project_funded_municipal = Municipal (Beijing) fiscal research funds
project-value-project_funded_central = Central fiscal research funds
project-value-project_funded_other = Other funds (commissioned by enterprises, horizontal projects, own funds)
project-value-project_unit_higher_education = Institution of higher education
project-value-project_unit_research_institute = Scientific research institution
project-value-project_unit_medical = Medical and health institution
project-value-project_unit_enterprise = Enterprise
project-value-project_unit_other = Other organisation
project-value-project_discipline_mathematics = Mathematics
project-value-project_discipline_physics = Physics
project-value-project_discipline_other = Another discipline
