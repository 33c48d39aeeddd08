/* gen-postings.c: realistic synthetic job postings for the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: gen-postings [--seed N] [--until YYYY-MM-DD] [--csv FILE] [--jsonl FILE]
 *                     [--db FILE] COUNT
 *
 * Writes COUNT engineering job postings as a job board would publish them:
 *   --csv    a CSV file with the header
 *            title,company,location,salary,url,posted,description,type,remote
 *            (pay as boards write it, "$66.50K - $89.90K/yr", "$40/hour",
 *            "$120,000 - $150,000"; the description in Markdown);
 *   --jsonl  JSON Lines, one schema.org JobPosting per line (baseSalary as a
 *            MonetaryAmount, jobLocation as a Place, the description in HTML);
 *   --db     straight into a user.db through core (CgLibrary, CgJobWriter, one
 *            transaction), for the query benchmarks, which so do not depend on
 *            the importer.
 * Several outputs may be asked for at once; they then hold the same postings.
 *
 * The output depends only on the seed (default 1), COUNT and the date the
 * postings are dated back from (--until, default today): posting dates spread
 * over the 18 months before it. Titles come from ~70 engineering titles with
 * seniority prefixes and suffixes, companies from 300 made-up names, places
 * from 150 US cities, descriptions of 150 to 400 words from a vocabulary of
 * job-description sentences (responsibilities, requirements, tools). A few
 * niche sentences are rare on purpose, so that a search such as "tinyml
 * quantization" is selective (about 1 posting in 400).
 *
 * Descriptions are the bulk of the data; they are assembled from sentence
 * templates into one reused buffer, and the random numbers come from a
 * splitmix64 generator, so that the database, not the generator, sets the pace.
 */
#include <csv.h>
#include <errno.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg-classifier.h"
#include "cg-db.h"
#include "cg-job-record.h"
#include "cg-library.h"

#define DAYS_BACK 548   /* 18 months */

/* Random numbers */

typedef struct {
  guint64 state;
} Rng;

static guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* 0 <= result < n */
static guint
rng_below (Rng   *rng,
           guint  n)
{
  return (guint) (((rng_next (rng) >> 32) * (guint64) n) >> 32);
}

/* 0 <= result < 1 */
static double
rng_double (Rng *rng)
{
  return (double) (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static gboolean
rng_chance (Rng    *rng,
            double  p)
{
  return rng_double (rng) < p;
}

/* Skewed towards the start of the range, as popularity is. */
static guint
rng_skewed (Rng   *rng,
            guint  n)
{
  double u = rng_double (rng);

  return MIN ((guint) (u * u * n), n - 1);
}

/* Vocabulary */

typedef enum {
  FAM_SOFTWARE,
  FAM_EMBEDDED,
  FAM_HARDWARE,
  FAM_ML,
  FAM_DATA,
  FAM_INFRA,
  FAM_SECURITY,
  FAM_MECH,
  FAM_TEST,
  N_FAMILIES
} Family;

static const struct {
  const char *name;
  Family      family;
} titles[] = {
  { "Software Engineer", FAM_SOFTWARE },
  { "Backend Engineer", FAM_SOFTWARE },
  { "Frontend Engineer", FAM_SOFTWARE },
  { "Full Stack Engineer", FAM_SOFTWARE },
  { "Mobile Engineer", FAM_SOFTWARE },
  { "iOS Engineer", FAM_SOFTWARE },
  { "Android Engineer", FAM_SOFTWARE },
  { "Graphics Engineer", FAM_SOFTWARE },
  { "Compiler Engineer", FAM_SOFTWARE },
  { "Game Engine Developer", FAM_SOFTWARE },
  { "Software Architect", FAM_SOFTWARE },
  { "Product Engineer", FAM_SOFTWARE },
  { "Embedded Software Engineer", FAM_EMBEDDED },
  { "Firmware Engineer", FAM_EMBEDDED },
  { "Embedded Systems Engineer", FAM_EMBEDDED },
  { "Embedded Linux Engineer", FAM_EMBEDDED },
  { "Embedded Machine Learning Engineer", FAM_EMBEDDED },
  { "Linux Kernel Engineer", FAM_EMBEDDED },
  { "Device Driver Engineer", FAM_EMBEDDED },
  { "Robotics Software Engineer", FAM_EMBEDDED },
  { "Avionics Software Engineer", FAM_EMBEDDED },
  { "Electrical Engineer", FAM_HARDWARE },
  { "Electronics Engineer", FAM_HARDWARE },
  { "Hardware Engineer", FAM_HARDWARE },
  { "PCB Design Engineer", FAM_HARDWARE },
  { "RF Engineer", FAM_HARDWARE },
  { "Analog Design Engineer", FAM_HARDWARE },
  { "Power Electronics Engineer", FAM_HARDWARE },
  { "FPGA Engineer", FAM_HARDWARE },
  { "ASIC Design Engineer", FAM_HARDWARE },
  { "Design Verification Engineer", FAM_HARDWARE },
  { "Signal Processing Engineer", FAM_HARDWARE },
  { "Battery Systems Engineer", FAM_HARDWARE },
  { "Machine Learning Engineer", FAM_ML },
  { "MLOps Engineer", FAM_ML },
  { "Machine Learning & Operations Engineer", FAM_ML },
  { "AI/Machine Learning Engineer", FAM_ML },
  { "Computer Vision Engineer", FAM_ML },
  { "Applied Scientist", FAM_ML },
  { "NLP Engineer", FAM_ML },
  { "Perception Engineer", FAM_ML },
  { "Data Engineer", FAM_DATA },
  { "Data Scientist", FAM_DATA },
  { "Analytics Engineer", FAM_DATA },
  { "ML/AI Data Engineer", FAM_DATA },
  { "Database Engineer", FAM_DATA },
  { "Site Reliability Engineer", FAM_INFRA },
  { "DevOps Engineer", FAM_INFRA },
  { "Platform Engineer", FAM_INFRA },
  { "Cloud Engineer", FAM_INFRA },
  { "Infrastructure Engineer", FAM_INFRA },
  { "Network Engineer", FAM_INFRA },
  { "Linux Systems Engineer", FAM_INFRA },
  { "Build and Release Engineer", FAM_INFRA },
  { "Security Engineer", FAM_SECURITY },
  { "Application Security Engineer", FAM_SECURITY },
  { "Cloud Security Engineer", FAM_SECURITY },
  { "Product Security Engineer", FAM_SECURITY },
  { "Mechanical Engineer", FAM_MECH },
  { "Mechatronics Engineer", FAM_MECH },
  { "Controls Engineer", FAM_MECH },
  { "Manufacturing Engineer", FAM_MECH },
  { "Process Engineer", FAM_MECH },
  { "Automation Engineer", FAM_MECH },
  { "Aerospace Engineer", FAM_MECH },
  { "Robotics Engineer", FAM_MECH },
  { "Test Engineer", FAM_TEST },
  { "Test Automation Engineer", FAM_TEST },
  { "QA Engineer", FAM_TEST },
  { "Validation Engineer", FAM_TEST },
  { "Quality Engineer", FAM_TEST },
  { "Reliability Engineer", FAM_TEST },
  { "Systems Test Engineer", FAM_TEST },
};

static const struct {
  const char *prefix;
  double      weight;
  double      pay;
} seniorities[] = {
  { "", 0.38, 1.0 },
  { "Senior ", 0.24, 1.25 },
  { "Sr. ", 0.05, 1.25 },
  { "Junior ", 0.05, 0.72 },
  { "Associate ", 0.04, 0.78 },
  { "Staff ", 0.07, 1.5 },
  { "Principal ", 0.05, 1.7 },
  { "Lead ", 0.06, 1.38 },
  { "Entry Level ", 0.02, 0.68 },
  { "Distinguished ", 0.01, 2.0 },
  { "Senior Staff ", 0.03, 1.6 },
};

static const char *const title_suffixes[] = {
  " I", " II", " III", " IV", ", Autonomy", " - Platform", ", Infrastructure", " - Payments",
  ", Core Systems", " - New Grad", ", Edge Devices", " - Defense Programs", ", Consumer Products",
  " - Medical Devices", ", Electric Vehicles", " (Night Shift)", " - Clearance Required",
};

static const double family_pay[N_FAMILIES] = {
  [FAM_SOFTWARE] = 132000, [FAM_EMBEDDED] = 124000, [FAM_HARDWARE] = 118000,
  [FAM_ML] = 148000, [FAM_DATA] = 128000, [FAM_INFRA] = 136000, [FAM_SECURITY] = 138000,
  [FAM_MECH] = 98000, [FAM_TEST] = 92000,
};

static const char *const company_stems[] = {
  "Apex", "Bluefin", "Cedar", "Driftwood", "Ember", "Fathom", "Granite", "Harbor", "Ironbark",
  "Juniper", "Keystone", "Lumen", "Meridian", "Northwind", "Orchid", "Pinnacle", "Quarry",
  "Redwood", "Sable", "Tidewater", "Umbra", "Vantage", "Willow", "Xylem", "Yellowfin", "Zephyr",
  "Arclight", "Brightwater", "Copperline", "Deepfield",
};

static const char *const company_kinds[] = {
  "Robotics", "Systems", "Labs", "Dynamics", "Technologies", "Semiconductor", "Energy",
  "Aerospace", "Analytics", "Networks", "Instruments", "Health", "Motors", "Microsystems",
  "Software",
};

static const char *const company_endings[] = { "", "", "", "", ", Inc.", " LLC", " Corp." };

static const char *const domains[] = {
  "electric vehicles", "medical devices", "satellite communications", "industrial automation",
  "consumer electronics", "smart home products", "renewable energy", "logistics software",
  "financial services", "autonomous drones", "wearable health monitors", "semiconductor test",
  "precision agriculture", "defense systems", "cloud infrastructure", "retail analytics",
  "telecommunications", "battery storage", "surgical robotics", "warehouse automation",
};

static const struct {
  const char *city;
  const char *state;
} cities[] = {
  { "New York", "NY" }, { "Los Angeles", "CA" }, { "Chicago", "IL" }, { "Houston", "TX" },
  { "Phoenix", "AZ" }, { "Philadelphia", "PA" }, { "San Antonio", "TX" }, { "San Diego", "CA" },
  { "Dallas", "TX" }, { "San Jose", "CA" }, { "Austin", "TX" }, { "Jacksonville", "FL" },
  { "Fort Worth", "TX" }, { "Columbus", "OH" }, { "Charlotte", "NC" }, { "Indianapolis", "IN" },
  { "San Francisco", "CA" }, { "Seattle", "WA" }, { "Denver", "CO" }, { "Washington", "DC" },
  { "Boston", "MA" }, { "El Paso", "TX" }, { "Nashville", "TN" }, { "Detroit", "MI" },
  { "Oklahoma City", "OK" }, { "Portland", "OR" }, { "Las Vegas", "NV" }, { "Memphis", "TN" },
  { "Louisville", "KY" }, { "Baltimore", "MD" }, { "Milwaukee", "WI" }, { "Albuquerque", "NM" },
  { "Tucson", "AZ" }, { "Fresno", "CA" }, { "Sacramento", "CA" }, { "Kansas City", "MO" },
  { "Mesa", "AZ" }, { "Atlanta", "GA" }, { "Omaha", "NE" }, { "Colorado Springs", "CO" },
  { "Raleigh", "NC" }, { "Long Beach", "CA" }, { "Virginia Beach", "VA" }, { "Miami", "FL" },
  { "Oakland", "CA" }, { "Minneapolis", "MN" }, { "Tulsa", "OK" }, { "Bakersfield", "CA" },
  { "Wichita", "KS" }, { "Arlington", "TX" }, { "Aurora", "CO" }, { "Tampa", "FL" },
  { "New Orleans", "LA" }, { "Cleveland", "OH" }, { "Honolulu", "HI" }, { "Anaheim", "CA" },
  { "Lexington", "KY" }, { "Stockton", "CA" }, { "Corpus Christi", "TX" }, { "Henderson", "NV" },
  { "Riverside", "CA" }, { "Newark", "NJ" }, { "Saint Paul", "MN" }, { "Santa Ana", "CA" },
  { "Cincinnati", "OH" }, { "Irvine", "CA" }, { "Orlando", "FL" }, { "Pittsburgh", "PA" },
  { "St. Louis", "MO" }, { "Greensboro", "NC" }, { "Jersey City", "NJ" }, { "Anchorage", "AK" },
  { "Lincoln", "NE" }, { "Plano", "TX" }, { "Durham", "NC" }, { "Buffalo", "NY" },
  { "Chandler", "AZ" }, { "Chula Vista", "CA" }, { "Gilbert", "AZ" }, { "Madison", "WI" },
  { "Reno", "NV" }, { "Fort Wayne", "IN" }, { "North Las Vegas", "NV" },
  { "St. Petersburg", "FL" }, { "Lubbock", "TX" }, { "Irving", "TX" }, { "Laredo", "TX" },
  { "Winston-Salem", "NC" }, { "Chesapeake", "VA" }, { "Glendale", "AZ" }, { "Garland", "TX" },
  { "Scottsdale", "AZ" }, { "Norfolk", "VA" }, { "Boise", "ID" }, { "Fremont", "CA" },
  { "Spokane", "WA" }, { "Santa Clarita", "CA" }, { "Baton Rouge", "LA" }, { "Richmond", "VA" },
  { "Hialeah", "FL" }, { "San Bernardino", "CA" }, { "Tacoma", "WA" }, { "Modesto", "CA" },
  { "Huntsville", "AL" }, { "Des Moines", "IA" }, { "Yonkers", "NY" }, { "Rochester", "NY" },
  { "Moreno Valley", "CA" }, { "Fayetteville", "NC" }, { "Fontana", "CA" },
  { "Columbus", "GA" }, { "Worcester", "MA" }, { "Port St. Lucie", "FL" },
  { "Little Rock", "AR" }, { "Augusta", "GA" }, { "Oxnard", "CA" }, { "Birmingham", "AL" },
  { "Montgomery", "AL" }, { "Frisco", "TX" }, { "Amarillo", "TX" }, { "Salt Lake City", "UT" },
  { "Grand Rapids", "MI" }, { "Huntington Beach", "CA" }, { "Overland Park", "KS" },
  { "Glendale", "CA" }, { "Tallahassee", "FL" }, { "Grand Prairie", "TX" }, { "McKinney", "TX" },
  { "Cape Coral", "FL" }, { "Sioux Falls", "SD" }, { "Peoria", "AZ" }, { "Providence", "RI" },
  { "Vancouver", "WA" }, { "Knoxville", "TN" }, { "Akron", "OH" }, { "Shreveport", "LA" },
  { "Mobile", "AL" }, { "Brownsville", "TX" }, { "Newport News", "VA" },
  { "Fort Lauderdale", "FL" }, { "Chattanooga", "TN" }, { "Tempe", "AZ" }, { "Santa Rosa", "CA" },
  { "Sunnyvale", "CA" }, { "Mountain View", "CA" }, { "Palo Alto", "CA" }, { "Redmond", "WA" },
  { "Cambridge", "MA" }, { "Ann Arbor", "MI" }, { "Boulder", "CO" }, { "Lake Mary", "FL" },
  { "Melbourne", "FL" }, { "Hillsboro", "OR" }, { "Santa Clara", "CA" }, { "Bellevue", "WA" },
};

/* Tools by family: what {tool} in a template becomes. */
static const char *const tools_software[] = {
  "Go", "Rust", "Java", "Kotlin", "TypeScript", "React", "Node.js", "Python", "Django",
  "PostgreSQL", "Redis", "Kafka", "gRPC", "GraphQL", "Docker", "Kubernetes", "AWS", "GCP",
  "Terraform", "C++", "Spring Boot", "Elasticsearch", "Swift", "Vue", "Next.js", "RabbitMQ",
};
static const char *const tools_embedded[] = {
  "C", "C++", "embedded Linux", "Zephyr", "FreeRTOS", "Yocto", "ARM Cortex-M", "STM32",
  "nRF52", "ESP32", "RISC-V", "CAN bus", "SPI", "I2C", "UART", "Bluetooth Low Energy", "JTAG",
  "oscilloscopes", "logic analyzers", "TensorFlow Lite Micro", "device tree", "U-Boot",
  "Rust", "Python", "AUTOSAR", "MISRA C",
};
static const char *const tools_hardware[] = {
  "Altium Designer", "Cadence OrCAD", "KiCad", "SPICE", "LTspice", "signal integrity analysis",
  "power integrity analysis", "DC-DC converters", "high-speed digital design", "RF front ends",
  "Verilog", "SystemVerilog", "VHDL", "Vivado", "Quartus", "UVM", "oscilloscopes",
  "spectrum analyzers", "network analyzers", "DFM reviews", "EMC compliance testing",
  "thermal analysis", "MATLAB", "Python",
};
static const char *const tools_ml[] = {
  "PyTorch", "TensorFlow", "JAX", "ONNX", "TensorRT", "scikit-learn", "Hugging Face Transformers",
  "CUDA", "MLflow", "Kubeflow", "Ray", "Spark", "feature stores", "vector databases",
  "Python", "SageMaker", "Vertex AI", "OpenCV", "Triton Inference Server", "Weights & Biases",
  "LLM fine-tuning", "Airflow",
};
static const char *const tools_data[] = {
  "SQL", "dbt", "Airflow", "Spark", "Snowflake", "BigQuery", "Databricks", "Kafka", "Flink",
  "Python", "Looker", "Tableau", "Parquet", "Delta Lake", "PostgreSQL", "pandas", "R",
  "Dagster", "Redshift", "Power BI",
};
static const char *const tools_infra[] = {
  "Kubernetes", "Terraform", "Ansible", "AWS", "GCP", "Azure", "Prometheus", "Grafana",
  "OpenTelemetry", "Linux", "Bash", "Go", "Python", "Helm", "Argo CD", "GitHub Actions",
  "Jenkins", "Nginx", "Envoy", "PostgreSQL", "Vault", "Datadog", "Bazel",
};
static const char *const tools_security[] = {
  "threat modeling", "static analysis", "dynamic analysis", "Burp Suite", "the OWASP Top 10",
  "IAM", "zero trust networking", "SIEM tooling", "Splunk", "incident response", "TLS",
  "penetration testing", "SOC 2", "ISO 27001", "Python", "Go", "AWS", "Kubernetes",
  "secure boot", "fuzzing",
};
static const char *const tools_mech[] = {
  "SolidWorks", "Creo", "CATIA", "Siemens NX", "ANSYS", "finite element analysis", "CFD",
  "GD&T", "DFMA", "injection molding", "sheet metal design", "MATLAB", "Simulink", "ROS 2",
  "PLC programming", "Ignition SCADA", "Six Sigma", "lean manufacturing", "Rockwell Studio 5000",
  "tolerance stack-ups", "CNC machining",
};
static const char *const tools_test[] = {
  "pytest", "Selenium", "Playwright", "Cypress", "LabVIEW", "TestStand", "NI hardware",
  "hardware-in-the-loop rigs", "Jira", "TestRail", "Python", "statistical process control",
  "FMEA", "root cause analysis", "ISO 9001", "Jenkins", "C#", "environmental chambers",
  "automated test equipment",
};

typedef struct {
  const char *const *items;
  guint              n;
} Pool;

#define POOL(a) { a, G_N_ELEMENTS (a) }

static const Pool family_tools[N_FAMILIES] = {
  [FAM_SOFTWARE] = POOL (tools_software), [FAM_EMBEDDED] = POOL (tools_embedded),
  [FAM_HARDWARE] = POOL (tools_hardware), [FAM_ML] = POOL (tools_ml),
  [FAM_DATA] = POOL (tools_data), [FAM_INFRA] = POOL (tools_infra),
  [FAM_SECURITY] = POOL (tools_security), [FAM_MECH] = POOL (tools_mech),
  [FAM_TEST] = POOL (tools_test),
};

static const char *const fields[N_FAMILIES] = {
  [FAM_SOFTWARE] = "computer science", [FAM_EMBEDDED] = "computer engineering",
  [FAM_HARDWARE] = "electrical engineering", [FAM_ML] = "computer science",
  [FAM_DATA] = "statistics, computer science", [FAM_INFRA] = "computer science",
  [FAM_SECURITY] = "computer science", [FAM_MECH] = "mechanical engineering",
  [FAM_TEST] = "engineering",
};

/* Sentence templates. {tool} is a tool of the posting's family, {years} a
 * number of years, {company}, {title}, {city}, {domain} and {field} what they
 * say. */
static const char *const intros[] = {
  "{company} builds {domain} that thousands of customers rely on every day.",
  "At {company}, a small team of engineers ships {domain} used around the world.",
  "{company} is a fast-growing company working on {domain}, with offices in {city} and beyond.",
  "Founded by engineers, {company} designs and manufactures {domain} for demanding customers.",
  "{company} is hiring across engineering as we scale our work on {domain}.",
  "Join {company} and help us bring the next generation of {domain} to market.",
};

static const char *const missions[] = {
  "We are looking for a {title} to join the team and own critical parts of the product.",
  "As a {title}, you will work closely with product, hardware and operations to ship "
  "reliable features.",
  "This {title} role sits in a cross-functional team that takes ideas from prototype "
  "to production.",
  "We need a {title} who enjoys hard technical problems and cares about the people "
  "who use what we build.",
  "You will join a team of {title}s and grow with a codebase and a product that are "
  "both moving quickly.",
};

static const char *const resp_headings[] = {
  "What you will do", "Responsibilities", "What you'll work on", "In this role you will",
};
static const char *const req_headings[] = {
  "What you bring", "Requirements", "Qualifications", "Who you are",
};
static const char *const nice_headings[] = {
  "Nice to have", "Preferred qualifications", "Bonus points",
};
static const char *const benefit_headings[] = {
  "Benefits", "What we offer", "Perks and benefits",
};

static const char *const resp_common[] = {
  "Collaborate with product managers and designers to turn requirements into clear "
  "technical plans.",
  "Write clean, well-tested code and review the work of your peers with care.",
  "Take part in design reviews and help the team make good trade-offs.",
  "Mentor junior engineers and share what you know through documentation and pairing.",
  "Own features end to end, from the first design document to support in the field.",
  "Improve our development process, tooling and continuous integration.",
  "Investigate and fix issues reported by customers and by our support team.",
  "Estimate work, track progress and communicate risks early.",
};

static const char *const resp_software[] = {
  "Design and build services in {tool} that handle millions of requests a day.",
  "Build APIs with {tool} and {tool} that other teams can depend on.",
  "Improve the performance, reliability and observability of our backend systems.",
  "Develop user-facing features in {tool} with attention to accessibility and detail.",
  "Migrate legacy components to {tool} without interrupting service.",
  "Model data in {tool} and keep queries fast as the product grows.",
  "Break a monolith into well-defined services and document their contracts.",
  "Profile and optimise hot paths, caching with {tool} where it helps.",
  "Build internal tools that make the rest of the engineering team faster.",
  "Write technical specifications and keep them up to date as the system evolves.",
};
static const char *const resp_embedded[] = {
  "Develop firmware in {tool} for microcontrollers running {tool}.",
  "Bring up new boards, write device drivers for {tool} and {tool} peripherals.",
  "Design and implement bootloaders and secure over-the-air firmware updates.",
  "Optimise code for memory, power and real-time performance on constrained hardware.",
  "Debug hardware and software issues with {tool} and {tool} in the lab.",
  "Port and maintain board support packages for {tool} on custom hardware.",
  "Integrate sensors and actuators over {tool}, {tool} and {tool}.",
  "Deploy and profile machine learning models on edge devices and microcontrollers.",
  "Work with hardware engineers on schematics reviews and board bring-up.",
  "Write unit and hardware-in-the-loop tests for the firmware.",
  "Build low-level firmware for battery-powered devices with strict power budgets.",
};
static const char *const resp_hardware[] = {
  "Design schematics and lay out multilayer boards in {tool}.",
  "Simulate analog and mixed-signal circuits with {tool} before the first prototype.",
  "Own the design of power supplies, from DC-DC converters to battery management.",
  "Write RTL in {tool} and verify it with {tool} testbenches.",
  "Characterise prototypes with {tool} and {tool} and document the results.",
  "Work with contract manufacturers on DFM, test fixtures and yield.",
  "Lead designs through EMC, safety and regulatory certification.",
  "Select components and manage obsolescence with the supply chain team.",
  "Debug boards at the bench and drive root cause analysis of field failures.",
  "Close timing and meet power targets on FPGA and ASIC designs.",
};
static const char *const resp_ml[] = {
  "Train, evaluate and deploy models with {tool} and {tool}.",
  "Design, automate and scale an MLOps system, from training pipelines to model "
  "deployment and monitoring.",
  "Build data pipelines and feature engineering for real product data.",
  "Optimise models for inference with pruning, distillation and quantization.",
  "Serve models at low latency with {tool} and monitor them in production.",
  "Run experiments, define metrics and report results to stakeholders.",
  "Fine-tune large language models and evaluate them against clear success measures.",
  "Deploy AI capabilities and follow each project through to completion.",
  "Track model drift and retrain models as the data changes.",
  "Partner with software engineers to bring prototypes into the product.",
};
static const char *const resp_data[] = {
  "Build and maintain batch and streaming pipelines with {tool} and {tool}.",
  "Model data in {tool} for analytics and machine learning use cases.",
  "Own data quality checks, lineage and documentation.",
  "Design dashboards in {tool} that leaders use to make decisions.",
  "Run statistical analyses and A/B tests and explain the results clearly.",
  "Optimise warehouse costs and query performance in {tool}.",
  "Work with data scientists to productionise features and training sets.",
  "Ingest data from third-party APIs and internal services reliably.",
};
static const char *const resp_infra[] = {
  "Operate production infrastructure on {tool} and {tool}.",
  "Manage infrastructure as code with {tool} and review changes from other teams.",
  "Build and improve CI/CD pipelines with {tool}.",
  "Define service level objectives and the alerting that protects them.",
  "Take part in an on-call rotation and lead blameless incident reviews.",
  "Improve observability with {tool} and {tool}.",
  "Automate capacity planning and cost reporting.",
  "Harden and patch Linux hosts and container images.",
  "Run disaster recovery exercises and keep the runbooks current.",
};
static const char *const resp_security[] = {
  "Lead threat modeling and security design reviews for new features.",
  "Build tooling for {tool} and integrate it into the development workflow.",
  "Respond to security incidents and drive remediation to completion.",
  "Run penetration tests and coordinate with external researchers.",
  "Harden cloud accounts and identity and access management policies.",
  "Support compliance efforts such as {tool} audits.",
  "Teach engineers secure coding practices through reviews and workshops.",
  "Review firmware and hardware for secure boot and key management.",
};
static const char *const resp_mech[] = {
  "Design mechanical parts and assemblies in {tool}.",
  "Run {tool} on structures and enclosures and validate the results in test.",
  "Develop and tune control loops in MATLAB and Simulink.",
  "Program and commission PLCs and motion controllers on the production line.",
  "Create drawings with GD&T and release them through our PLM system.",
  "Improve production processes with {tool} methods and data.",
  "Support suppliers through first article inspections and process qualification.",
  "Build prototypes in the machine shop and iterate quickly on the design.",
  "Integrate sensors, motors and actuators into robotic systems.",
};
static const char *const resp_test[] = {
  "Write and maintain automated tests with {tool} and {tool}.",
  "Design test plans and test cases for new products and features.",
  "Build test stations with {tool} for manufacturing and validation.",
  "Run environmental, reliability and stress tests and analyse the failures.",
  "Track defects in {tool} and work with developers on their root cause.",
  "Improve test coverage and the speed of the test suite.",
  "Lead {tool} activities and drive corrective actions with suppliers.",
  "Validate products against specifications and regulatory requirements.",
};

static const Pool family_resp[N_FAMILIES] = {
  [FAM_SOFTWARE] = POOL (resp_software), [FAM_EMBEDDED] = POOL (resp_embedded),
  [FAM_HARDWARE] = POOL (resp_hardware), [FAM_ML] = POOL (resp_ml),
  [FAM_DATA] = POOL (resp_data), [FAM_INFRA] = POOL (resp_infra),
  [FAM_SECURITY] = POOL (resp_security), [FAM_MECH] = POOL (resp_mech),
  [FAM_TEST] = POOL (resp_test),
};

static const char *const requirements[] = {
  "A bachelor's degree in {field} or a related field, or equivalent experience.",
  "{years}+ years of professional experience with {tool}.",
  "Solid experience with {tool} and {tool} in production.",
  "Strong debugging and problem-solving skills.",
  "Clear written and spoken communication; you can explain technical concepts to "
  "non-engineers.",
  "Experience working in an agile team with code reviews and continuous integration.",
  "A track record of shipping products and owning them after launch.",
  "Familiarity with {tool}, or the willingness to learn it quickly.",
  "You work independently and collaborate well on design.",
  "{years}-{years2} years of experience in a similar role.",
  "Ability to obtain a US security clearance may be required.",
  "Hands-on experience with {tool}.",
};

static const char *const nice_to_have[] = {
  "Experience with {tool}.",
  "A master's degree in {field}.",
  "Contributions to open source projects.",
  "Experience in {domain}.",
  "Knowledge of {tool} and {tool}.",
  "Experience in a startup or a small team.",
  "Securities or financial services experience is a plus.",
  "Experience mentoring engineers or leading a small team.",
};

/* Each appears in about 1 posting in 400. */
static const char *const rare[] = {
  "Experience deploying TinyML models with int8 quantization on microcontrollers.",
  "Experience with FPGA partial reconfiguration.",
  "Knowledge of Ada and SPARK for high-integrity software.",
  "Experience certifying software to DO-178C Level A.",
  "Experience with functional safety under ISO 26262 ASIL D.",
  "Experience with quantum error correction or superconducting qubits.",
  "Knowledge of LoRaWAN and low-power wide-area networks.",
  "Experience with formal verification in TLA+ or Coq.",
  "Experience with space-grade radiation-hardened electronics.",
  "Familiarity with Kalman filters and GNSS/INS sensor fusion.",
};

static const char *const benefits[] = {
  "Competitive salary and equity.",
  "Medical, dental and vision insurance for you and your family.",
  "401(k) with a company match.",
  "Flexible working hours and a generous paid time off policy.",
  "Sixteen weeks of paid parental leave.",
  "A yearly learning and conference budget.",
  "Home office stipend.",
  "Relocation assistance.",
  "Commuter benefits and free parking.",
  "Annual performance bonus.",
  "Wellness programs and a gym membership.",
};

static const char *const closings[] = {
  "{company} is an equal opportunity employer. We welcome applicants of every background "
  "and do not discriminate on the basis of race, religion, gender, age or disability.",
  "We are committed to building a diverse team and encourage people from under-represented "
  "groups to apply, even if they do not meet every requirement.",
  "Applicants must be authorized to work in the United States. Reasonable accommodations "
  "are available on request during the hiring process.",
};

typedef enum {
  ARR_ONSITE,
  ARR_HYBRID,
  ARR_REMOTE,
} Arrangement;

static const struct {
  const char *db;
  const char *csv;
} arrangements[] = {
  [ARR_ONSITE] = { "onsite", "On-site" },
  [ARR_HYBRID] = { "hybrid", "Hybrid" },
  [ARR_REMOTE] = { "remote", "Remote" },
};

static const struct {
  const char *db;
  const char *csv;
  const char *schema;
  double      weight;
} types[] = {
  { "full_time", "Full-time", "FULL_TIME", 0.80 },
  { "contractor", "Contract", "CONTRACTOR", 0.10 },
  { "part_time", "Part-time", "PART_TIME", 0.03 },
  { "intern", "Internship", "INTERN", 0.04 },
  { "temporary", "Temporary", "TEMPORARY", 0.03 },
};

/* A posting */

typedef struct {
  Family       family;
  const char  *base_title;
  char         title[128];
  const char  *company;
  const char  *company_slug;
  const char  *city;
  const char  *state;
  char         location[64];
  Arrangement  arrangement;
  guint        type;
  gboolean     has_pay;
  gboolean     has_min;
  CgPayUnit    unit;
  double       pay_min;
  double       pay_max;
  char         salary[64];
  const char  *posted;
  const char  *valid_through;
  char         url[160];
  char         identifier[16];
  GString     *description;  /* Markdown */
} Posting;

typedef struct {
  Rng         rng;
  char      **companies;
  char      **company_slugs;
  char      **dates;          /* YYYY-MM-DD; dates[60 + d]: d days before --until */
} Generator;

static void
generator_init (Generator *gen,
                guint64    seed,
                GDate     *until)
{
  guint n = G_N_ELEMENTS (company_stems) * 10;

  gen->rng.state = seed;
  gen->companies = g_new0 (char *, n + 1);
  gen->company_slugs = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      guint stem = i % G_N_ELEMENTS (company_stems);
      guint kind = (i / G_N_ELEMENTS (company_stems) + stem) % G_N_ELEMENTS (company_kinds);
      const char *ending = company_endings[(i * 7) % G_N_ELEMENTS (company_endings)];

      g_autofree char *slug = g_strdup_printf ("%s-%s", company_stems[stem],
                                               company_kinds[kind]);

      gen->companies[i] = g_strdup_printf ("%s %s%s", company_stems[stem],
                                           company_kinds[kind], ending);
      gen->company_slugs[i] = g_ascii_strdown (slug, -1);
    }

  /* the last DAYS_BACK days, and 60 more for closing dates */
  gen->dates = g_new0 (char *, DAYS_BACK + 61 + 1);
  for (int d = -60; d <= DAYS_BACK; d++)
    {
      GDate date = *until;
      char buf[16];

      if (d >= 0)
        g_date_subtract_days (&date, (guint) d);
      else
        g_date_add_days (&date, (guint) -d);
      g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
      gen->dates[d + 60] = g_strdup (buf);
    }
}

static void
generator_clear (Generator *gen)
{
  g_strfreev (gen->companies);
  g_strfreev (gen->company_slugs);
  g_strfreev (gen->dates);
}

static const char *
pick (Rng         *rng,
      const Pool  *pool)
{
  return pool->items[rng_below (rng, pool->n)];
}

/* Appends @template with its slots filled in. */
static void
expand (Generator     *gen,
        GString       *out,
        const char    *template,
        const Posting *posting)
{
  Rng *rng = &gen->rng;
  const char *p = template;
  guint years = 0;

  for (;;)
    {
      const char *open = strchr (p, '{');
      const char *close;

      if (open == NULL)
        {
          g_string_append (out, p);
          return;
        }
      g_string_append_len (out, p, open - p);
      close = strchr (open, '}');
      g_assert (close != NULL);

#define SLOT(name) (close - open - 1 == (int) strlen (name) && \
                    strncmp (open + 1, name, close - open - 1) == 0)
      if (SLOT ("tool"))
        g_string_append (out, pick (rng, &family_tools[posting->family]));
      else if (SLOT ("years"))
        {
          years = 2 + rng_below (rng, 7);
          g_string_append_printf (out, "%u", years);
        }
      else if (SLOT ("years2"))
        g_string_append_printf (out, "%u", years + 2 + rng_below (rng, 4));
      else if (SLOT ("company"))
        g_string_append (out, posting->company);
      else if (SLOT ("title"))
        g_string_append (out, posting->base_title);
      else if (SLOT ("city"))
        g_string_append (out, posting->city);
      else if (SLOT ("domain"))
        g_string_append (out, domains[rng_below (rng, G_N_ELEMENTS (domains))]);
      else if (SLOT ("field"))
        g_string_append (out, fields[posting->family]);
      else
        g_assert_not_reached ();
#undef SLOT

      p = close + 1;
    }
}

static guint
count_words (const char *text)
{
  guint n = 0;
  gboolean in_word = FALSE;

  for (const char *p = text; *p; p++)
    {
      gboolean space = *p == ' ' || *p == '\n';

      if (!space && !in_word)
        n++;
      in_word = !space;
    }

  return n;
}

/* A bulleted section: items from @a (and @b, when not NULL), without
 * repeats, until the description has @target words. */
static void
add_section (Generator     *gen,
             Posting       *posting,
             const char    *heading,
             const Pool    *a,
             const Pool    *b,
             guint          min_items,
             guint          target,
             guint         *words)
{
  GString *out = posting->description;
  guint order[64];
  guint n = a->n + (b ? b->n : 0);

  g_assert (n <= G_N_ELEMENTS (order));
  for (guint i = 0; i < n; i++)
    order[i] = i;

  g_string_append_printf (out, "\n\n### %s\n", heading);
  *words += count_words (heading);

  for (guint i = 0; i < n && (i < min_items || *words < target); i++)
    {
      guint j = i + rng_below (&gen->rng, n - i);
      guint k = order[j];
      gsize start;

      order[j] = order[i];
      order[i] = k;

      g_string_append (out, "\n- ");
      start = out->len;
      expand (gen, out, k < a->n ? a->items[k] : b->items[k - a->n], posting);
      *words += count_words (out->str + start);
    }
}

static void
make_description (Generator *gen,
                  Posting   *posting)
{
  static const Pool common = POOL (resp_common);
  static const Pool reqs = POOL (requirements);
  static const Pool nice = POOL (nice_to_have);
  static const Pool bens = POOL (benefits);
  Rng *rng = &gen->rng;
  GString *out = posting->description;
  guint target = 150 + rng_below (rng, 251);
  guint closing_words = 28;
  guint words;

  g_string_truncate (out, 0);
  expand (gen, out, intros[rng_below (rng, G_N_ELEMENTS (intros))], posting);
  g_string_append_c (out, ' ');
  expand (gen, out, missions[rng_below (rng, G_N_ELEMENTS (missions))], posting);
  if (posting->arrangement == ARR_REMOTE)
    g_string_append (out, " This is a fully remote position open to candidates anywhere "
                          "in the United States.");
  else if (posting->arrangement == ARR_HYBRID)
    g_string_append_printf (out, " This is a hybrid role: three days a week in our %s office.",
                            posting->city);
  words = count_words (out->str);

  add_section (gen, posting, resp_headings[rng_below (rng, G_N_ELEMENTS (resp_headings))],
               &family_resp[posting->family], &common, 3,
               words + (target - MIN (target, words + closing_words)) * 45 / 100, &words);
  add_section (gen, posting, req_headings[rng_below (rng, G_N_ELEMENTS (req_headings))],
               &reqs, NULL, 3, target * 80 / 100 - closing_words, &words);
  if (rng_chance (rng, 0.025))
    {
      /* a niche skill, in about 1 posting in 400 for each */
      g_string_append (out, "\n- ");
      g_string_append (out, rare[rng_below (rng, G_N_ELEMENTS (rare))]);
      words += 10;
    }
  if (rng_chance (rng, 0.6))
    add_section (gen, posting, nice_headings[rng_below (rng, G_N_ELEMENTS (nice_headings))],
                 &nice, NULL, 1, target * 88 / 100 - closing_words, &words);
  add_section (gen, posting, benefit_headings[rng_below (rng, G_N_ELEMENTS (benefit_headings))],
               &bens, NULL, 2, target - closing_words, &words);

  g_string_append (out, "\n\n");
  expand (gen, out, closings[rng_below (rng, G_N_ELEMENTS (closings))], posting);
}

/* 123456.7 -> "123,457" */
static void
format_thousands (char   *buf,
                  gsize   size,
                  double  value)
{
  long v = lround (value);

  if (v >= 1000000)
    g_snprintf (buf, size, "%ld,%03ld,%03ld", v / 1000000, (v / 1000) % 1000, v % 1000);
  else if (v >= 1000)
    g_snprintf (buf, size, "%ld,%03ld", v / 1000, v % 1000);
  else
    g_snprintf (buf, size, "%ld", v);
}

/* Pay as boards write it, and as numbers. */
static void
make_pay (Generator *gen,
          Posting   *posting,
          double     level)
{
  Rng *rng = &gen->rng;
  gboolean hourly_type = posting->type != 0;
  double yearly = family_pay[posting->family] * level * (0.8 + 0.4 * rng_double (rng));
  double width = 1.15 + 0.25 * rng_double (rng);
  double u = rng_double (rng);
  char a[32], b[32];

  posting->has_pay = !rng_chance (rng, 0.22);
  posting->has_min = TRUE;
  posting->salary[0] = '\0';
  if (!posting->has_pay)
    return;

  if (hourly_type ? u < 0.8 : u < 0.1)
    {
      /* hourly: "$40/hour", "$45/hr", "$38.50 - $52.00 an hour" */
      double rate = round (yearly / 2080 * 2) / 2;

      posting->unit = CG_PAY_UNIT_HOUR;
      if (rng_chance (rng, 0.5))
        {
          rate = round (rate);
          posting->pay_min = posting->pay_max = rate;
          g_snprintf (posting->salary, sizeof posting->salary,
                      rng_chance (rng, 0.5) ? "$%.0f/hour" : "$%.0f/hr", rate);
        }
      else
        {
          posting->pay_min = rate;
          posting->pay_max = round (rate * width * 2) / 2;
          g_snprintf (posting->salary, sizeof posting->salary, "$%.2f - $%.2f an hour",
                      posting->pay_min, posting->pay_max);
        }
      return;
    }

  posting->unit = CG_PAY_UNIT_YEAR;
  u = rng_double (rng);
  if (u < 0.5)
    {
      /* "$66.50K - $89.90K/yr" */
      posting->pay_min = round (yearly / 100) * 100;
      posting->pay_max = round (yearly * width / 100) * 100;
      g_snprintf (posting->salary, sizeof posting->salary, "$%.2fK - $%.2fK/yr",
                  posting->pay_min / 1000, posting->pay_max / 1000);
    }
  else if (u < 0.92)
    {
      /* "$120,000 - $150,000", sometimes " a year" */
      posting->pay_min = round (yearly / 1000) * 1000;
      posting->pay_max = round (yearly * width / 1000) * 1000;
      format_thousands (a, sizeof a, posting->pay_min);
      format_thousands (b, sizeof b, posting->pay_max);
      g_snprintf (posting->salary, sizeof posting->salary, "$%s - $%s%s", a, b,
                  u < 0.75 ? "" : " a year");
    }
  else
    {
      /* "Up to $180K a year" */
      posting->has_min = FALSE;
      posting->pay_min = 0;
      posting->pay_max = round (yearly * width / 1000) * 1000;
      g_snprintf (posting->salary, sizeof posting->salary, "Up to $%.0fK a year",
                  posting->pay_max / 1000);
    }
}

static void
make_posting (Generator *gen,
              guint      index,
              Posting   *posting)
{
  Rng *rng = &gen->rng;
  guint t = rng_below (rng, G_N_ELEMENTS (titles));
  guint s = 0, c, city, kind;
  double u = rng_double (rng), acc = 0;
  guint age;

  posting->family = titles[t].family;
  posting->base_title = titles[t].name;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      acc += types[i].weight;
      if (u < acc || i == G_N_ELEMENTS (types) - 1)
        {
          posting->type = i;
          break;
        }
    }

  if (g_str_equal (types[posting->type].db, "intern"))
    {
      g_snprintf (posting->title, sizeof posting->title, "%s Intern", titles[t].name);
      s = 3;
    }
  else
    {
      u = rng_double (rng);
      acc = 0;
      for (guint i = 0; i < G_N_ELEMENTS (seniorities); i++)
        {
          acc += seniorities[i].weight;
          if (u < acc || i == G_N_ELEMENTS (seniorities) - 1)
            {
              s = i;
              break;
            }
        }
      g_snprintf (posting->title, sizeof posting->title, "%s%s%s", seniorities[s].prefix,
                  titles[t].name,
                  rng_chance (rng, 0.15)
                  ? title_suffixes[rng_below (rng, G_N_ELEMENTS (title_suffixes))] : "");
    }

  c = rng_skewed (rng, G_N_ELEMENTS (company_stems) * 10);
  posting->company = gen->companies[c];
  posting->company_slug = gen->company_slugs[c];
  city = rng_skewed (rng, G_N_ELEMENTS (cities));
  posting->city = cities[city].city;
  posting->state = cities[city].state;
  g_snprintf (posting->location, sizeof posting->location, "%s, %s",
              posting->city, posting->state);

  kind = rng_below (rng, 100);
  posting->arrangement = kind < 47 ? ARR_ONSITE : kind < 75 ? ARR_HYBRID : ARR_REMOTE;

  make_pay (gen, posting, seniorities[s].pay);

  age = rng_below (rng, DAYS_BACK);
  posting->posted = gen->dates[age + 60];
  posting->valid_through = rng_chance (rng, 0.4) ? gen->dates[age + 60 - 30 - rng_below (rng, 31)]
                                                 : NULL;
  g_snprintf (posting->identifier, sizeof posting->identifier, "%08u", index + 1);
  g_snprintf (posting->url, sizeof posting->url, "https://jobs.%s.example/postings/%s",
              posting->company_slug, posting->identifier);

  make_description (gen, posting);
}

/* Outputs */

static void
write_csv_field (FILE       *out,
                 const char *text,
                 gboolean    last)
{
  if (text != NULL && *text != '\0')
    csv_fwrite (out, text, strlen (text));
  fputc (last ? '\n' : ',', out);
}

static void
write_csv (FILE          *out,
           const Posting *posting)
{
  write_csv_field (out, posting->title, FALSE);
  write_csv_field (out, posting->company, FALSE);
  write_csv_field (out, posting->location, FALSE);
  write_csv_field (out, posting->salary, FALSE);
  write_csv_field (out, posting->url, FALSE);
  write_csv_field (out, posting->posted, FALSE);
  write_csv_field (out, posting->description->str, FALSE);
  write_csv_field (out, types[posting->type].csv, FALSE);
  write_csv_field (out, arrangements[posting->arrangement].csv, TRUE);
}

/* Text as HTML: & < and > escaped (g_markup_escape_text would also write
 * &apos;, which is XML, not HTML 4). */
static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (*p == '&')
        g_string_append (out, "&amp;");
      else if (*p == '<')
        g_string_append (out, "&lt;");
      else if (*p == '>')
        g_string_append (out, "&gt;");
      else
        g_string_append_c (out, *p);
    }
}

/* The description as a board's JSON-LD carries it: HTML. */
static void
markdown_to_html (const char *markdown,
                  GString    *out)
{
  g_auto(GStrv) lines = g_strsplit (markdown, "\n", -1);
  gboolean in_list = FALSE;

  g_string_truncate (out, 0);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      gboolean item = g_str_has_prefix (line, "- ");

      if (in_list && !item)
        {
          g_string_append (out, "</ul>");
          in_list = FALSE;
        }
      if (*line == '\0')
        continue;

      if (g_str_has_prefix (line, "### "))
        {
          g_string_append (out, "<h3>");
          append_escaped (out, line + 4);
          g_string_append (out, "</h3>");
        }
      else if (item)
        {
          if (!in_list)
            g_string_append (out, "<ul>");
          in_list = TRUE;
          g_string_append (out, "<li>");
          append_escaped (out, line + 2);
          g_string_append (out, "</li>");
        }
      else
        {
          g_string_append (out, "<p>");
          append_escaped (out, line);
          g_string_append (out, "</p>");
        }
    }
  if (in_list)
    g_string_append (out, "</ul>");
}

static void
write_jsonl (FILE          *out,
             const Posting *posting,
             GString       *html)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  markdown_to_html (posting->description->str, html);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "@context");
  json_builder_add_string_value (builder, "https://schema.org");
  json_builder_set_member_name (builder, "@type");
  json_builder_add_string_value (builder, "JobPosting");
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, posting->title);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, html->str);
  json_builder_set_member_name (builder, "identifier");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "@type");
  json_builder_add_string_value (builder, "PropertyValue");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, posting->company);
  json_builder_set_member_name (builder, "value");
  json_builder_add_string_value (builder, posting->identifier);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "datePosted");
  json_builder_add_string_value (builder, posting->posted);
  if (posting->valid_through != NULL)
    {
      g_autofree char *through = g_strconcat (posting->valid_through, "T23:59:59", NULL);

      json_builder_set_member_name (builder, "validThrough");
      json_builder_add_string_value (builder, through);
    }
  json_builder_set_member_name (builder, "employmentType");
  json_builder_add_string_value (builder, types[posting->type].schema);

  json_builder_set_member_name (builder, "hiringOrganization");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "@type");
  json_builder_add_string_value (builder, "Organization");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, posting->company);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "jobLocation");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "@type");
  json_builder_add_string_value (builder, "Place");
  json_builder_set_member_name (builder, "address");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "@type");
  json_builder_add_string_value (builder, "PostalAddress");
  json_builder_set_member_name (builder, "addressLocality");
  json_builder_add_string_value (builder, posting->city);
  json_builder_set_member_name (builder, "addressRegion");
  json_builder_add_string_value (builder, posting->state);
  json_builder_set_member_name (builder, "addressCountry");
  json_builder_add_string_value (builder, "US");
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  if (posting->arrangement == ARR_REMOTE)
    {
      json_builder_set_member_name (builder, "jobLocationType");
      json_builder_add_string_value (builder, "TELECOMMUTE");
      json_builder_set_member_name (builder, "applicantLocationRequirements");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "@type");
      json_builder_add_string_value (builder, "Country");
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, "USA");
      json_builder_end_object (builder);
    }

  if (posting->has_pay)
    {
      json_builder_set_member_name (builder, "baseSalary");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "@type");
      json_builder_add_string_value (builder, "MonetaryAmount");
      json_builder_set_member_name (builder, "currency");
      json_builder_add_string_value (builder, "USD");
      json_builder_set_member_name (builder, "value");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "@type");
      json_builder_add_string_value (builder, "QuantitativeValue");
      if (posting->has_min && posting->pay_min == posting->pay_max)
        {
          json_builder_set_member_name (builder, "value");
          json_builder_add_double_value (builder, posting->pay_min);
        }
      else
        {
          if (posting->has_min)
            {
              json_builder_set_member_name (builder, "minValue");
              json_builder_add_double_value (builder, posting->pay_min);
            }
          json_builder_set_member_name (builder, "maxValue");
          json_builder_add_double_value (builder, posting->pay_max);
        }
      json_builder_set_member_name (builder, "unitText");
      json_builder_add_string_value (builder, cg_pay_unit_to_string (posting->unit));
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, posting->url);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  fputs (text, out);
  fputc ('\n', out);
}

typedef struct {
  sqlite3      *db;
  CgJobWriter  *writer;
  CgClassifier *classifier;
  GHashTable   *roles;        /* title -> role slug or "" */
  GPtrArray    *recreate;     /* SQL of the triggers and indexes dropped meanwhile */
  sqlite3_stmt *index;        /* indexes the postings after an id */
  gint64        indexed_id;   /* the postings up to this id are indexed */
} DbOutput;

static gboolean
write_db (DbOutput       *db,
          const Posting  *posting,
          GError        **error)
{
  g_autoptr(CgJobRecord) record = cg_job_record_new ();
  const char *role;

  /* the classifier's verdict depends on the title alone here (there are a
   * few thousand distinct ones), so it is asked once per title */
  role = g_hash_table_lookup (db->roles, posting->title);
  if (role == NULL)
    {
      role = cg_classifier_classify (db->classifier, posting->title, NULL);
      role = role != NULL ? role : "";
      g_hash_table_insert (db->roles, g_strdup (posting->title), g_strdup (role));
    }

  record->identifier = g_strdup (posting->identifier);
  record->title = g_strdup (posting->title);
  record->company = g_strdup (posting->company);
  g_ptr_array_add (record->locations, g_strdup (posting->location));
  record->region = g_strdup (posting->state);
  record->arrangement = g_strdup (arrangements[posting->arrangement].db);
  record->employment_type = g_strdup (types[posting->type].db);
  record->role = *role ? g_strdup (role) : NULL;
  record->has_pay = posting->has_pay;
  if (posting->has_pay)
    {
      record->pay.min = posting->pay_min;
      record->pay.max = posting->pay_max;
      record->pay.has_min = posting->has_min;
      record->pay.has_max = TRUE;
      record->pay.unit = posting->unit;
      memcpy (record->pay.currency, "USD", 4);
    }
  record->date_posted = g_strdup (posting->posted);
  record->valid_through = g_strdup (posting->valid_through);
  record->description = g_strdup (posting->description->str);
  record->url = g_strdup (posting->url);
  cg_job_record_compute_key (record);

  return cg_job_writer_write (db->writer, record, error);
}

static gint64
query_int64 (sqlite3    *db,
             const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db, sql, NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* Opens the one transaction, the way a bulk load does.
 *
 * Written naively (CgJobWriter, with the library's triggers, indexes and WAL
 * journal at work) a million postings took nine minutes here, mostly in SQLite:
 *  - the jobs_fts_insert trigger indexes each posting in a statement of its
 *    own; such a statement opens a savepoint, and FTS5 (as of 3.40) flushes
 *    its pending terms at each one, so every posting becomes an index segment
 *    that has to be merged: three times the work of indexing the same rows
 *    with one INSERT ... SELECT;
 *  - the seven secondary indexes of jobs take their rows in random order;
 *  - the WAL receives every page, and the checkpoint writes it all again.
 * So the trigger and those indexes are dropped inside the transaction and
 * created again from their own SQL at the end (the full-text index filled
 * by one INSERT ... SELECT, the others sorted once), and the journal is kept
 * in memory meanwhile (the data can be made again; the file is put back in WAL
 * mode at the end). The file ends up with the same schema and the same
 * content as if the postings had been written one by one. */
static gboolean
db_output_begin (DbOutput    *out,
                 CgLibrary   *library,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) drops = g_ptr_array_new_with_free_func (g_free);
  int rc;

  out->db = cg_library_get_db (library);

  /* this connection only: no fsync, and a large cache for the indexes */
  if (!cg_db_exec (out->db, "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;"
                            "PRAGMA cache_size = -262144", error))
    return FALSE;

  out->classifier = cg_classifier_new_from_db (out->db, error);
  if (out->classifier == NULL)
    return FALSE;
  out->roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  out->recreate = g_ptr_array_new_with_free_func (g_free);

  if (!cg_db_begin (out->db, error))
    return FALSE;

  /* what to drop, collected first: sqlite_schema cannot change while it
   * is being read */
  stmt = cg_db_prepare (out->db,
                        "SELECT type, name, sql FROM sqlite_schema"
                        " WHERE tbl_name = 'jobs' AND sql NOT NULL"
                        " AND (type = 'index' OR (type = 'trigger' AND name = 'jobs_fts_insert'))",
                        error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (drops, g_strdup_printf ("DROP %s \"%s\"", cg_db_column_text (stmt, 0),
                                               cg_db_column_text (stmt, 1)));
      g_ptr_array_add (out->recreate, g_strdup (cg_db_column_text (stmt, 2)));
    }
  if (rc != SQLITE_DONE)
    {
      cg_db_set_error (error, out->db, rc, "sqlite_schema");
      return FALSE;
    }

  for (guint i = 0; i < drops->len; i++)
    if (!cg_db_exec (out->db, g_ptr_array_index (drops, i), error))
      return FALSE;

  /* FTS5 writes a segment whenever its pending terms reach 'hashsize' (1 MB
   * by default) and merges segments as it goes: with 64 MB the index is
   * built with a third less work. The setting is stored with the index; db_output_commit() puts
   * the default back. */
  if (!cg_db_exec (out->db, "INSERT INTO jobs_fts (jobs_fts, rank) VALUES ('hashsize', 67108864)",
                   error))
    return FALSE;

  out->index = cg_db_prepare (out->db,
                              "INSERT INTO jobs_fts (rowid, title, company, locations, description)"
                              " SELECT id, title, company, locations, description FROM jobs"
                              " WHERE id > ?", error);
  if (out->index == NULL)
    return FALSE;

  out->indexed_id = query_int64 (out->db, "SELECT coalesce(max(id), 0) FROM jobs");
  out->writer = cg_job_writer_new (out->db, "user", error);
  return out->writer != NULL;
}

/* Adds the postings written since the start (or the last call) to the
 * full-text index. */
static gboolean
db_output_index (DbOutput  *out,
                 GError   **error)
{
  gint64 last = query_int64 (out->db, "SELECT coalesce(max(id), 0) FROM jobs");

  sqlite3_bind_int64 (out->index, 1, out->indexed_id);
  if (!cg_db_step_done (out->db, out->index, error))
    return FALSE;

  out->indexed_id = last;
  return TRUE;
}

/* Indexes the last postings, puts the indexes and the trigger back and
 * commits. */
static gboolean
db_output_commit (DbOutput  *out,
                  GError   **error)
{
  g_clear_pointer (&out->writer, cg_job_writer_free);

  if (!db_output_index (out, error) ||
      !cg_db_exec (out->db, "INSERT INTO jobs_fts (jobs_fts, rank) VALUES ('hashsize', 1048576)",
                   error))
    return FALSE;

  for (guint i = 0; i < out->recreate->len; i++)
    if (!cg_db_exec (out->db, g_ptr_array_index (out->recreate, i), error))
      return FALSE;

  return cg_db_commit (out->db, error) &&
         cg_db_exec (out->db, "PRAGMA journal_mode = WAL", error);
}

static void
db_output_clear (DbOutput *out)
{
  if (out->writer != NULL)
    cg_db_rollback (out->db);
  g_clear_pointer (&out->writer, cg_job_writer_free);
  g_clear_pointer (&out->index, sqlite3_finalize);
  g_clear_pointer (&out->classifier, cg_classifier_free);
  g_clear_pointer (&out->roles, g_hash_table_unref);
  g_clear_pointer (&out->recreate, g_ptr_array_unref);
}

static FILE *
open_output (const char  *path,
             GError     **error)
{
  FILE *out = fopen (path, "w");

  if (out == NULL)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Cannot write %s: %s", path, g_strerror (saved));
      return NULL;
    }

  /* a large buffer: the files run to gigabytes */
  setvbuf (out, NULL, _IOFBF, 1 << 20);
  return out;
}

static gboolean
close_output (FILE        *out,
              const char  *path,
              GError     **error)
{
  if (out != NULL && (ferror (out) || fclose (out) != 0))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, "Cannot write %s", path);
      return FALSE;
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *csv_path = NULL;
  g_autofree char *jsonl_path = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *until_text = NULL;
  gint64 seed = 1;
  GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed (default 1)", "N" },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until_text,
      "Date of the newest postings (default today)", "YYYY-MM-DD" },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_path, "Write a CSV file", "FILE" },
    { "jsonl", 0, 0, G_OPTION_ARG_FILENAME, &jsonl_path, "Write a JSON Lines file", "FILE" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Write into a user.db", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("COUNT");
  g_autoptr(GError) error = NULL;
  g_autoptr(CgLibrary) library = NULL;
  g_autoptr(GString) html = g_string_new (NULL);
  DbOutput db = { 0 };
  FILE *csv = NULL, *jsonl = NULL;
  Generator gen;
  Posting posting = { 0 };
  GDate until;
  guint64 count;
  gint64 start;
  gboolean ok = TRUE;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, "Writes COUNT synthetic job postings.");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (argc != 2 || !g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXUINT, &count, &error) ||
      (csv_path == NULL && jsonl_path == NULL && db_path == NULL))
    {
      g_printerr ("Usage: %s [--seed N] [--until DATE] [--csv FILE] [--jsonl FILE] "
                  "[--db FILE] COUNT\n", g_get_prgname ());
      return 2;
    }

  if (until_text != NULL)
    {
      g_date_clear (&until, 1);
      g_date_set_parse (&until, until_text);
      if (!g_date_valid (&until))
        {
          g_printerr ("Not a date: %s\n", until_text);
          return 2;
        }
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_clear (&until, 1);
      g_date_set_dmy (&until, g_date_time_get_day_of_month (now),
                      g_date_time_get_month (now), g_date_time_get_year (now));
    }

  start = g_get_monotonic_time ();

  if (csv_path != NULL)
    {
      csv = open_output (csv_path, &error);
      if (csv == NULL)
        goto failed;
      fputs ("title,company,location,salary,url,posted,description,type,remote\n", csv);
    }

  if (jsonl_path != NULL && (jsonl = open_output (jsonl_path, &error)) == NULL)
    goto failed;

  if (db_path != NULL)
    {
      g_autofree char *content = cg_library_dup_content_path ();

      library = cg_library_new (db_path, content);
      if (!cg_library_open (library, &error) || !db_output_begin (&db, library, &error))
        goto failed;
    }

  generator_init (&gen, (guint64) seed, &until);
  posting.description = g_string_sized_new (4096);

  for (guint64 i = 0; i < count && ok; i++)
    {
      make_posting (&gen, (guint) i, &posting);
      if (csv != NULL)
        write_csv (csv, &posting);
      if (jsonl != NULL)
        write_jsonl (jsonl, &posting, html);
      if (db.writer != NULL)
        ok = write_db (&db, &posting, &error);
    }

  g_string_free (posting.description, TRUE);
  generator_clear (&gen);

  if (!ok)
    goto failed;

  if (db.writer != NULL && !db_output_commit (&db, &error))
    goto failed;

  if (!close_output (g_steal_pointer (&csv), csv_path, &error) ||
      !close_output (g_steal_pointer (&jsonl), jsonl_path, &error))
    goto failed;

  db_output_clear (&db);
  g_printerr ("gen-postings: %" G_GUINT64_FORMAT " postings in %.1f s\n",
              count, (g_get_monotonic_time () - start) / 1e6);
  return 0;

failed:
  g_printerr ("gen-postings: %s\n", error->message);
  db_output_clear (&db);
  if (csv != NULL)
    fclose (csv);
  if (jsonl != NULL)
    fclose (jsonl);
  return 1;
}
